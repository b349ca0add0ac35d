package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;

/** The connector has no such version. */
public class VersionNotFoundException extends RegistryException {

    public VersionNotFoundException(String name, int version) {
        super("Connector '" + name + "' has no version " + version);
    }

    public VersionNotFoundException(String sha256) {
        super("No version with SHA-256 " + sha256 + " is stored in this workspace");
    }

    @Override
    public String code() {
        return "VERSION_NOT_FOUND";
    }
}
