package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** DESIGN rule 1: another connector owns this (family, identifier) in the workspace. */
public class IdentifierAlreadyRegisteredException extends RegistryException {

    private final String family;
    private final String identifier;
    private final String owner;

    public IdentifierAlreadyRegisteredException(String family, String identifier, String owner) {
        super("'" + identifier + "' (" + family + ") is already provided by connector '" + owner
                + "'; update that connector, or give this factory another identifier");
        this.family = family;
        this.identifier = identifier;
        this.owner = owner;
    }

    @Override
    public String code() {
        return "IDENTIFIER_ALREADY_REGISTERED";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("family", family, "identifier", identifier, "owner", owner);
    }
}
