package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** An error text to explain that is longer than the registry reads. */
public class ErrorTextTooLargeException extends RegistryException {

    private final long maxBytes;

    ErrorTextTooLargeException(long maxBytes) {
        super("The error text is longer than " + maxBytes + " bytes; send the part from the first exception to the "
                + "last \"Caused by:\"");
        this.maxBytes = maxBytes;
    }

    @Override
    public String code() {
        return "ERROR_TEXT_TOO_LARGE";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("maxBytes", maxBytes);
    }
}
