package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.RegistryException;

/** A resolve request that names no identifier and has no SQL that needs one. */
public class NothingToResolveException extends RegistryException {

    public NothingToResolveException() {
        super("Name the identifiers to resolve, or send a Flink SQL script that uses connectors, formats or catalogs");
    }

    @Override
    public String code() {
        return "NOTHING_TO_RESOLVE";
    }
}
