package dev.flinkregistry.server.analysis;

import dev.flinkregistry.server.RegistryException;

/**
 * The remote analysis service takes one JAR per analysis, so a connector version with dependency JARs
 * cannot be analysed there (a documented limitation): nothing is stored.
 */
public class DependenciesNotAnalysableException extends RegistryException {

    public DependenciesNotAnalysableException(String location) {
        super("Dependency JARs cannot be attached while analyses run in the remote analysis service (" + location
                + "): it analyses one JAR at a time. Register the connector without dependencies, or let this "
                + "registry analyse in its own sandboxed workers (unset registry.analysis.remote.url).");
    }

    @Override
    public String code() {
        return "DEPENDENCIES_NOT_ANALYSABLE";
    }
}
