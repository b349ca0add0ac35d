package dev.flinkregistry.server.member;

import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.ChangesElsewhere;
import dev.flinkregistry.server.changes.SharedChange;
import dev.flinkregistry.server.security.MembershipDirectory;
import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.security.Role;
import dev.flinkregistry.server.security.UserNames;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles administrators give people by their name at the identity provider, per workspace.
 * What a user's requests need is remembered for a few seconds; a change is seen at once here, on
 * other replicas as soon as the change feed brings it, and without the feed within those seconds.
 */
@Service
public class MembershipService implements MembershipDirectory {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final MembershipRepository memberships;
    private final WorkspaceService workspaces;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    MembershipService(MembershipRepository memberships, WorkspaceService workspaces, AuditLog audit,
                      ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.audit = audit;
        this.events = events;
    }

    /** A member of a workspace. */
    public record Member(String principal, String role, String grantedBy, Instant grantedAt) {}

    private record Cached(Map<String, Role> roles, boolean platformAdmin, long atNanos) {}

    @Override
    public Map<String, Role> rolesOf(String user) {
        return cached(user).roles();
    }

    @Override
    public boolean isPlatformAdmin(String user) {
        return cached(user).platformAdmin();
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Transactional(readOnly = true)
    public List<Member> members(String workspace) {
        return memberships.findByWorkspaceIdOrderByPrincipalAsc(workspaces.get(workspace).id()).stream()
                .map(m -> new Member(m.principal(), m.role(), m.grantedBy(), m.grantedAt())).toList();
    }

    /** Gives the person the role in the workspace (replacing the one they had). */
    @Transactional
    public Member grant(String workspace, String principal, Role role) {
        UserNames.problem(principal).ifPresent(problem -> {
            throw new InvalidMemberNameException(problem.replaceAll("[^\\x20-\\x7e]", "?"));
        });
        WorkspaceInfo ws = workspaces.get(workspace);
        String by = Principals.current().name();
        Instant now = Instant.now();
        Membership membership = memberships.findByWorkspaceIdAndPrincipal(ws.id(), principal)
                .map(existing -> {
                    existing.change(role.wireName(), by, now);
                    return existing;
                })
                .orElseGet(() -> memberships.save(new Membership(ws.id(), principal, role.wireName(), by, now)));
        memberships.flush();
        cache.remove(principal);
        generation.incrementAndGet();
        events.publishEvent(SharedChange.of(ChangeTopic.MEMBERSHIPS));
        audit.record("member.grant", workspace, principal, AuditLog.Outcome.SUCCESS, Map.of("role", role.wireName()));
        return new Member(membership.principal(), membership.role(), membership.grantedBy(), membership.grantedAt());
    }

    /** Takes the person's role in the workspace away; returns whether they had one. */
    @Transactional
    public boolean revoke(String workspace, String principal) {
        WorkspaceInfo ws = workspaces.get(workspace);
        var found = memberships.findByWorkspaceIdAndPrincipal(ws.id(), principal);
        found.ifPresent(memberships::delete);
        memberships.flush();
        cache.remove(principal);
        generation.incrementAndGet();
        events.publishEvent(SharedChange.of(ChangeTopic.MEMBERSHIPS));
        if (found.isPresent()) {
            audit.record("member.revoke", workspace, principal, AuditLog.Outcome.SUCCESS,
                    Map.of("role", found.get().role()));
        }
        return found.isPresent();
    }

    /** Another replica granted or took away a role (or this one may have missed it): roles are read afresh. */
    @EventListener
    void forget(ChangesElsewhere changes) {
        if (changes.concerns(ChangeTopic.MEMBERSHIPS)) {
            cache.clear();
            generation.incrementAndGet();
        }
    }

    private Cached cached(String user) {
        Cached cached = cache.get(user);
        long now = System.nanoTime();
        if (cached == null || now - cached.atNanos() > TTL.toNanos()) {
            Map<String, Role> roles = new HashMap<>();
            for (Membership membership : memberships.findByPrincipal(user)) {
                Role.fromWireName(membership.role()).ifPresent(role ->
                        roles.put(workspaces.byId(membership.workspaceId()).name(), role));
            }
            cached = new Cached(Map.copyOf(roles), memberships.countPlatformAdmin(user) > 0, now);
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(user, cached);
        }
        return cached;
    }
}
