package dev.flinkregistry.server;

import java.util.Map;

/**
 * A domain error with a stable, machine-readable code. The web layer maps each subtype to an
 * HTTP status in one place; the domain never speaks HTTP.
 */
public abstract class RegistryException extends RuntimeException {

    protected RegistryException(String message) {
        super(message);
    }

    /** The stable code clients branch on, e.g. {@code CONNECTOR_NOT_FOUND}. */
    public abstract String code();

    /** Extra members of the problem document (e.g. the owner of a taken identifier). */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
