package dev.flinkregistry.server.token;

import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.ChangesElsewhere;
import dev.flinkregistry.server.changes.SharedChange;
import dev.flinkregistry.server.security.AccessDeniedForRoleException;
import dev.flinkregistry.server.security.AuthProperties;
import dev.flinkregistry.server.security.CredentialStore;
import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.security.RegistryPrincipal;
import dev.flinkregistry.server.security.Role;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registry API tokens: created (the secret is returned once, only its hash is kept), listed,
 * revoked, and checked on every request that carries one. Checks are remembered for a few seconds
 * so that a busy job submitter costs no database query per request; a revocation is seen at once
 * on this replica, on the others as soon as the change feed brings it, and without the feed within
 * those seconds.
 */
@Service
public class TokenService implements CredentialStore {

    static final Duration CHECK_TTL = Duration.ofSeconds(5);
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final WorkspaceService workspaces;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Duration maxLifetime;
    private final Duration defaultLifetime;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    TokenService(ApiTokenRepository tokens, WorkspaceService workspaces, AuditLog audit,
                 TransactionTemplate transactions, ApplicationEventPublisher events, AuthProperties properties) {
        this.tokens = tokens;
        this.workspaces = workspaces;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
        this.maxLifetime = properties.tokenMaxLifetime();
        this.defaultLifetime = properties.tokenDefaultLifetime();
    }

    /** A token as lists show it: never its secret. */
    public record TokenView(long id, String name, String hint, String workspace, String role, String createdBy,
                            Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {}

    /** A new token: the secret, shown this once, and its view. */
    public record CreatedToken(String token, TokenView details) {}

    private record Checked(ApiToken token, RegistryPrincipal principal, long checkedAtNanos) {}

    /**
     * Creates a token for a workspace (or, {@code workspace} null, the platform) with a role no
     * higher than the creator's own there.
     */
    @Transactional
    public CreatedToken create(String name, String workspace, String role, Duration lifetime) {
        RegistryPrincipal creator = Principals.current();
        Long workspaceId = null;
        if (workspace == null) {
            if (!creator.platformAdmin() || !ApiToken.PLATFORM_ADMIN.equals(role)) {
                throw new AccessDeniedForRoleException("Only a platform administrator can create a platform-wide "
                        + "token, and its role is 'platform-admin'; name a workspace for any other token",
                        "platform-admin", null);
            }
        } else {
            WorkspaceInfo ws = workspaces.get(workspace);
            Role wanted = Role.fromWireName(role).orElseThrow(() -> new InvalidTokenRequestException(
                    "'role' must be viewer, submitter, developer or admin for a workspace token, not '" + role + "'"));
            if (!creator.has(workspace, wanted)) {
                throw new AccessDeniedForRoleException("A token can have at most the role its creator has: "
                        + creator.name() + " has " + creator.roleIn(workspace).map(r -> "'" + r.wireName() + "'")
                        .orElse("no role") + " in '" + workspace + "'", wanted.wireName(), workspace);
            }
            workspaceId = ws.id();
        }
        Duration life = lifetime == null ? defaultLifetime : lifetime;
        if (life.isNegative() || life.isZero() || life.compareTo(maxLifetime) > 0) {
            throw new InvalidTokenRequestException("A token lives between 1 day and " + maxLifetime.toDays()
                    + " days (registry.auth.token-max-lifetime)");
        }
        if (tokens.existsByName(name)) {
            throw new TokenNameTakenException(name);
        }
        String secret = TokenSecrets.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what the database keeps, so the answer says the same
        ApiToken token;
        try {
            token = tokens.saveAndFlush(new ApiToken(name, TokenSecrets.hash(secret), TokenSecrets.hint(secret),
                    workspaceId, role, creator.name(), now, expiry(creator, now.plus(life))));
        } catch (DataIntegrityViolationException raced) {
            throw new TokenNameTakenException(name);
        }
        audit.record("token.create", workspace, "token " + token.id(), AuditLog.Outcome.SUCCESS,
                Map.of("name", name, "role", role, "expiresAt", token.expiresAt()));
        return new CreatedToken(secret, view(token));
    }

    /**
     * A token made with a token expires no later than the one that made it: a stolen token that is
     * about to expire cannot buy its holder a longer stay.
     */
    private Instant expiry(RegistryPrincipal creator, Instant wanted) {
        if (creator.tokenId() == null) {
            return wanted;
        }
        return tokens.findById(creator.tokenId()).map(ApiToken::expiresAt).filter(wanted::isAfter).orElse(wanted);
    }

    /** Creates the platform administrator's token of a first start; see {@link BootstrapToken}. */
    @Transactional
    CreatedToken createInitial(String name, Duration lifetime) {
        String secret = TokenSecrets.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiToken token = tokens.saveAndFlush(new ApiToken(name, TokenSecrets.hash(secret), TokenSecrets.hint(secret),
                null, ApiToken.PLATFORM_ADMIN, "registry", now, now.plus(lifetime)));
        audit.recordAs("registry", "token.create", null, "token " + token.id(), AuditLog.Outcome.SUCCESS,
                Map.of("name", name, "role", ApiToken.PLATFORM_ADMIN, "expiresAt", token.expiresAt()));
        return new CreatedToken(secret, view(token));
    }

    /** Whether any token was ever created. */
    boolean anyExists() {
        return tokens.count() > 0;
    }

    /** The tokens the caller may see: its own, every token of a workspace it administers, all for platform admins. */
    @Transactional(readOnly = true)
    public List<TokenView> visible() {
        RegistryPrincipal caller = Principals.current();
        List<ApiToken> found = caller.platformAdmin() ? tokens.findAllByOrderByIdAsc()
                : tokens.visibleTo(caller.name(), administered(caller));
        return found.stream().map(this::view).toList();
    }

    /** Revokes a token the caller created or whose workspace it administers. */
    @Transactional
    public TokenView revoke(long id) {
        RegistryPrincipal caller = Principals.current();
        ApiToken token = tokens.findById(id).filter(t -> mayManage(caller, t))
                .orElseThrow(() -> new TokenNotFoundException(id));
        token.revoke(Instant.now());
        tokens.flush();
        checked.values().removeIf(c -> c.token().id().equals(token.id()));
        events.publishEvent(SharedChange.of(ChangeTopic.TOKENS));
        audit.record("token.revoke", workspaceName(token), "token " + id, AuditLog.Outcome.SUCCESS,
                Map.of("name", token.name()));
        return view(token);
    }

    /** Another replica revoked a token (or this one may have missed it): every check is made afresh. */
    @EventListener
    void forget(ChangesElsewhere changes) {
        if (changes.concerns(ChangeTopic.TOKENS)) {
            checked.clear();
        }
    }

    @Override
    public Optional<RegistryPrincipal> principalOf(String secret) {
        if (!TokenSecrets.wellFormed(secret)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        long now = System.nanoTime();
        Checked cached = checked.get(hash);
        if (cached == null || now - cached.checkedAtNanos() > CHECK_TTL.toNanos()) {
            Optional<ApiToken> found = tokens.findBySecretHash(hash);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            cached = new Checked(found.get(), principal(found.get()), now);
            if (checked.size() > 10_000) {
                checked.clear();
            }
            checked.put(hash, cached);
        }
        ApiToken token = cached.token();
        Instant instant = Instant.now();
        if (token.revokedAt() != null) {
            throw new InvalidBearerTokenException("The API token '" + token.name() + "' was revoked at "
                    + token.revokedAt());
        }
        if (!token.expiresAt().isAfter(instant)) {
            throw new InvalidBearerTokenException("The API token '" + token.name() + "' expired at "
                    + token.expiresAt());
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(instant)) {
            transactions.executeWithoutResult(status -> tokens.markUsed(token.id(), instant));
            checked.remove(hash);
        }
        return Optional.of(cached.principal());
    }

    private RegistryPrincipal principal(ApiToken token) {
        String name = "token:" + token.name();
        if (token.platformWide()) {
            return new RegistryPrincipal(name, RegistryPrincipal.Kind.TOKEN, true, Map.of(), token.id());
        }
        Role role = Role.fromWireName(token.role()).orElse(Role.VIEWER);
        return new RegistryPrincipal(name, RegistryPrincipal.Kind.TOKEN, false,
                Map.of(workspaces.byId(token.workspaceId()).name(), role), token.id());
    }

    private boolean mayManage(RegistryPrincipal caller, ApiToken token) {
        return caller.platformAdmin() || caller.name().equals(token.createdBy())
                || !token.platformWide() && caller.has(workspaces.byId(token.workspaceId()).name(), Role.ADMIN);
    }

    private List<Long> administered(RegistryPrincipal caller) {
        List<Long> ids = caller.roles().entrySet().stream().filter(e -> e.getValue() == Role.ADMIN)
                .map(e -> workspaces.get(e.getKey()).id()).toList();
        return ids.isEmpty() ? List.of(-1L) : ids;
    }

    private String workspaceName(ApiToken token) {
        return token.platformWide() ? null : workspaces.byId(token.workspaceId()).name();
    }

    private TokenView view(ApiToken token) {
        return new TokenView(token.id(), token.name(), token.hint(), workspaceName(token), token.role(),
                token.createdBy(), token.createdAt(), token.expiresAt(), token.revokedAt(), token.lastUsedAt());
    }
}
