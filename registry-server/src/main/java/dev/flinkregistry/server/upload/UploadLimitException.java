package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import java.time.Duration;
import java.util.Map;

/** An upload refused before its body was read, because too many are being received; worth retrying later. */
public abstract class UploadLimitException extends RegistryException {

    /** Long enough for a typical upload and its analysis to finish. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final int limit;

    UploadLimitException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limit", limit);
    }
}
