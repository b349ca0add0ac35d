package dev.flinkregistry.server.download;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** The requested byte range lies outside the JAR. */
public class RangeNotSatisfiableException extends RegistryException {

    private final long length;

    public RangeNotSatisfiableException(String range, long length) {
        super("Range '" + range + "' is outside the JAR, which has " + length + " bytes");
        this.length = length;
    }

    public long length() {
        return length;
    }

    @Override
    public String code() {
        return "RANGE_NOT_SATISFIABLE";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("length", length);
    }
}
