package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import java.time.Duration;

/** The request body stopped arriving for longer than the idle timeout; what had arrived was deleted. */
public class UploadTimedOutException extends RegistryException {

    public UploadTimedOutException(Duration idleTimeout) {
        super("No bytes of the request body arrived for " + idleTimeout.toSeconds() + " s, so the upload was cut; "
                + "nothing was stored");
    }

    @Override
    public String code() {
        return "REQUEST_TIMEOUT";
    }
}
