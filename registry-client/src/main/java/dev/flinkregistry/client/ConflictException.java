package dev.flinkregistry.client;

import java.util.Map;

/**
 * The request conflicts with the registry's state (409): a name or identifier is taken, an update
 * would break jobs, or a version is current or leased.
 */
public class ConflictException extends RegistryProblemException {

    /** A 409 answer with its problem code, detail and other members. */
    public ConflictException(String code, String detail, Map<String, Object> properties) {
        super(409, code, detail, properties);
    }

    /** For {@code IDENTIFIER_ALREADY_REGISTERED}: the connector that owns the identifier. */
    public String owner() {
        Object owner = properties().get("owner");
        return owner == null ? null : owner.toString();
    }
}
