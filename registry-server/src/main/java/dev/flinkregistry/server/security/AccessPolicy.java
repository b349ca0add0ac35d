package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * DESIGN rule 10, enforced in one place: the role each REST operation needs is the
 * {@code x-required-role} that {@code openapi.yaml} declares next to the operation, read from the
 * very file the server serves. Roles that depend on the request's content ({@code x-lease-role},
 * {@code x-others-role}) are declared there too and checked through {@link #requireDeclared}.
 */
@Component
public class AccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

    static final String CONTRACT = "static/openapi.yaml";
    private static final String DENIAL = AccessPolicy.class.getName() + ".denial";
    private static final String MATCH = AccessPolicy.class.getName() + ".match";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

    /** An operation of the contract and what it needs. */
    record Operation(String method, String template, PathPattern pattern, String operationId,
                     Map<String, Object> declaration) {

        String requirement(String extension) {
            Object value = declaration.get(extension);
            return value == null ? null : value.toString();
        }
    }

    private final List<Operation> operations;
    private final boolean anonymousRead;

    @Autowired
    AccessPolicy(AuthProperties properties) {
        this(load(), properties.anonymousRead());
    }

    AccessPolicy(List<Operation> operations, boolean anonymousRead) {
        this.operations = operations;
        this.anonymousRead = anonymousRead;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Optional<Matched> matched = match(request);
        if (matched.isEmpty()) {
            // Not an operation of the contract (an unknown path answers 404): callers must still be someone.
            return new AuthorizationDecision(!Principals.of(authentication.get()).isAnonymous() || anonymousRead);
        }
        request.setAttribute(MATCH, matched.get());
        String role = matched.get().operation().requirement("x-required-role");
        Optional<String> denial = denial(Principals.of(authentication.get()), role, matched.get().workspace());
        denial.ifPresent(reason -> request.setAttribute(DENIAL, reason));
        return new AuthorizationDecision(denial.isEmpty());
    }

    /**
     * Checks a role the current operation declares under {@code extension} for a case that depends
     * on the request's content (e.g. {@code x-lease-role} when a resolve takes a lease).
     */
    public void requireDeclared(String extension, String workspace) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        Matched matched = request.getAttribute(MATCH) instanceof Matched m ? m : match(request).orElseThrow();
        String role = matched.operation().requirement(extension);
        if (role == null) {
            throw new IllegalStateException(matched.operation().operationId() + " declares no " + extension);
        }
        Optional<String> denial = denial(Principals.current(), role, workspace);
        if (denial.isPresent()) {
            throw new AccessDeniedForRoleException(denial.get(), role, workspace);
        }
    }

    /** Why the last denial of this request happened, for the 403 answer. */
    static Optional<String> denialOf(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(DENIAL));
    }

    /**
     * The audit action the contract declares for the request's operation ({@code x-audit-action}),
     * once the request was authorized or refused; empty for operations that change nothing.
     */
    public static Optional<String> auditActionOf(HttpServletRequest request) {
        return request.getAttribute(MATCH) instanceof Matched m
                ? Optional.ofNullable(m.operation().requirement("x-audit-action")) : Optional.empty();
    }

    /** The workspace named in the request's path, once it was matched to an operation. */
    public static Optional<String> workspaceOf(HttpServletRequest request) {
        return request.getAttribute(MATCH) instanceof Matched m ? Optional.ofNullable(m.workspace()) : Optional.empty();
    }

    /** The path's variables ({@code name}, {@code version}, {@code jobId}, …), once it was matched to an operation. */
    public static Map<String, String> variablesOf(HttpServletRequest request) {
        return request.getAttribute(MATCH) instanceof Matched m ? m.variables() : Map.of();
    }

    /** The role an operation requires, as declared; for tests and the 403 answer. */
    static Optional<String> requiredRole(HttpServletRequest request) {
        return request.getAttribute(MATCH) instanceof Matched m
                ? Optional.ofNullable(m.operation().requirement("x-required-role")) : Optional.empty();
    }

    /** Empty when the principal may; else a sentence saying what is missing. */
    private Optional<String> denial(RegistryPrincipal principal, String role, String workspace) {
        if (role == null) {
            return Optional.of("The operation declares no role, so nobody may call it");
        }
        switch (role) {
            case "anonymous" -> {
                return Optional.empty();
            }
            case "authenticated" -> {
                return principal.isAnonymous() ? Optional.of("Sign in first") : Optional.empty();
            }
            case "platform-admin" -> {
                return principal.platformAdmin() ? Optional.empty()
                        : Optional.of("This operation needs a platform administrator; " + principal.name() + " is not one");
            }
            default -> {
                Role needed = Role.fromWireName(role).orElseThrow(() -> new IllegalStateException("Unknown role " + role));
                if (principal.isAnonymous() && anonymousRead && needed == Role.VIEWER) {
                    return Optional.empty();
                }
                if (workspace != null && principal.has(workspace, needed)) {
                    return Optional.empty();
                }
                String held = workspace == null ? "none" : principal.roleIn(workspace).map(Role::wireName).orElse("none");
                return Optional.of("This operation needs the role '" + role + "' in workspace '" + workspace + "'; "
                        + principal.name() + " has " + ("none".equals(held) ? "no role there" : "'" + held + "'"));
            }
        }
    }

    private record Matched(Operation operation, Map<String, String> variables) {

        String workspace() {
            return variables.get("workspace");
        }
    }

    private Optional<Matched> match(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        String method = request.getMethod().toLowerCase(Locale.ROOT);
        Optional<Matched> exact = match(path, method);
        // HEAD is answered like GET where the contract does not describe it on its own.
        return exact.isPresent() || !"head".equals(method) ? exact : match(path, "get");
    }

    private Optional<Matched> match(PathContainer path, String method) {
        for (Operation operation : operations) {
            if (operation.method().equals(method)) {
                PathPattern.PathMatchInfo info = operation.pattern().matchAndExtract(path);
                if (info != null) {
                    return Optional.of(new Matched(operation, Map.copyOf(info.getUriVariables())));
                }
            }
        }
        return Optional.empty();
    }

    /** Every operation of the served contract, most specific paths first. */
    static List<Operation> load() {
        try (InputStream in = new ClassPathResource(CONTRACT).getInputStream()) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the REST contract " + CONTRACT, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Operation> parse(InputStream contract) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Map<String, Object> root = new Yaml(options).load(contract);
        Map<String, Object> paths = (Map<String, Object>) root.get("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((template, item) -> ((Map<String, Object>) item).forEach((method, declaration) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> operation = (Map<String, Object>) declaration;
                operations.add(new Operation(method, template, PathPatternParser.defaultInstance.parse(template),
                        String.valueOf(operation.get("operationId")), operation));
            }
        }));
        operations.sort((a, b) -> PathPattern.SPECIFICITY_COMPARATOR.compare(a.pattern(), b.pattern()));
        return List.copyOf(operations);
    }
}
