package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** The downloaded bytes do not have the SHA-256 the caller said they would; nothing was kept. */
public class ChecksumMismatchException extends RegistryException {

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String expected, String actual) {
        super("The downloaded JAR has SHA-256 " + actual + ", not the expected " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    @Override
    public String code() {
        return "CHECKSUM_MISMATCH";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("expected", expected, "actual", actual);
    }
}
