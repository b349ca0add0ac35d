package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** The stored bytes of a version no longer hash to its digest, so they are not served. */
public class StoredJarCorruptException extends RegistryException {

    private final String sha256;

    public StoredJarCorruptException(String sha256) {
        super("The stored JAR " + sha256 + " no longer matches its SHA-256, so it is not served. An operator can "
                + "repair it by registering the same JAR again (any connector, any workspace) or by restoring it from "
                + "a backup; see /actuator/health.");
        this.sha256 = sha256;
    }

    @Override
    public String code() {
        return "STORED_JAR_CORRUPT";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("sha256", sha256);
    }
}
