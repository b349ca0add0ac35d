package dev.flinkregistry.server.security;

import dev.flinkregistry.server.RegistryException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller is known but lacks the role an operation needs. */
public class AccessDeniedForRoleException extends RegistryException {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public AccessDeniedForRoleException(String message, String requiredRole, String workspace) {
        super(message);
        properties.put("requiredRole", requiredRole);
        if (workspace != null) {
            properties.put("workspace", workspace);
        }
    }

    @Override
    public String code() {
        return "ACCESS_DENIED";
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
