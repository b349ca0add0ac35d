package dev.flinkregistry.client;

import java.util.Map;

/**
 * The registry knows the caller, but the caller lacks the role the request needs (403
 * {@code ACCESS_DENIED}); {@link #requiredRole()} and {@link #workspace()} say which. Roles are
 * per workspace: {@code viewer} &lt; {@code submitter} &lt; {@code developer} &lt; {@code admin},
 * and {@code platform-admin} for what concerns the whole registry.
 */
public class AccessDeniedException extends RegistryProblemException {

    /** A 403 answer with its problem code, detail and other members. */
    public AccessDeniedException(String code, String detail, Map<String, Object> properties) {
        super(describe(code, detail, properties), 403, code, detail, properties);
    }

    /**
     * The role the request needs, e.g. {@code developer}, {@code platform-admin}, or
     * {@code authenticated}; null when the registry did not say.
     */
    public String requiredRole() {
        return member(properties(), "requiredRole");
    }

    /** The workspace the role is needed in; null when the registry did not say, or for a platform-wide role. */
    public String workspace() {
        return member(properties(), "workspace");
    }

    private static String describe(String code, String detail, Map<String, Object> properties) {
        String role = member(properties, "requiredRole");
        String workspace = member(properties, "workspace");
        String needs = role == null ? "Not allowed" : workspace == null ? "This needs the role '" + role + "'"
                : "This needs the role '" + role + "' in workspace '" + workspace + "'";
        return needs + " (403 " + code + "): " + detail;
    }

    private static String member(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }
}
