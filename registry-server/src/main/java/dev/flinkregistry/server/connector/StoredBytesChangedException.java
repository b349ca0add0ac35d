package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** The bytes read back from the store are not the bytes that were received and analysed: nothing is registered. */
public class StoredBytesChangedException extends RegistryException {

    private final String expected;
    private final String stored;

    public StoredBytesChangedException(String expected, String stored) {
        super("The JAR's bytes changed between receiving and storing them (expected SHA-256 " + expected
                + ", stored " + stored + "); nothing was registered. Something is writing to the registry's data: "
                + "see the server log.");
        this.expected = expected;
        this.stored = stored;
    }

    @Override
    public String code() {
        return "STORED_BYTES_CHANGED";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("sha256", expected);
    }
}
