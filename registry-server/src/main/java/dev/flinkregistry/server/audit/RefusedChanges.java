package dev.flinkregistry.server.audit;

import dev.flinkregistry.server.audit.AuditLog.Outcome;
import dev.flinkregistry.server.security.AccessPolicy;
import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.security.RegistryPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records changes that did not happen: refused by the registry (e.g. a breaking update), failed,
 * or denied to a caller who lacks the role. Only operations whose contract names an
 * {@code x-audit-action} are recorded, so reads and failed sign-ins do not flood the log.
 */
@Component
public class RefusedChanges {

    private final AuditLog audit;

    RefusedChanges(AuditLog audit) {
        this.audit = audit;
    }

    /** Records the request's change as not made, with the problem code it was answered with. */
    public void record(HttpServletRequest request, Outcome outcome, String code) {
        RegistryPrincipal caller = Principals.current();
        AccessPolicy.auditActionOf(request).ifPresent(action -> audit.recordAs(caller.name(), action,
                AccessPolicy.workspaceOf(request).orElse(null), target(request), outcome, Map.of("code", code)));
    }

    /** What the change was to, named as the entries of changes made name it. */
    private static String target(HttpServletRequest request) {
        Map<String, String> variables = AccessPolicy.variablesOf(request);
        if (variables.containsKey("name")) {
            return variables.get("name") + (variables.containsKey("version") ? "/" + variables.get("version") : "");
        }
        if (variables.containsKey("id")) {
            return "token " + variables.get("id");
        }
        for (String key : new String[] {"jobId", "principal", "workspace"}) {
            if (variables.containsKey(key)) {
                return variables.get(key);
            }
        }
        return request.getRequestURI();
    }

    /** A change answered with an error, as the problem handler reports it. */
    public record NotMade(HttpServletRequest request, Outcome outcome, String code) {}

    @EventListener
    void notMade(NotMade event) {
        record(event.request(), event.outcome(), event.code());
    }

    /** A signed-in caller was refused by the access policy. */
    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                && !Principals.of(event.getAuthentication().get()).isAnonymous()) {
            record(servlet.getRequest(), Outcome.DENIED, "ACCESS_DENIED");
        }
    }
}
