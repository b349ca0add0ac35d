package dev.flinkregistry.client;

/**
 * No registry server answered usefully: every address failed with connection errors, timeouts,
 * 408, 429 or 5xx, through every retry.
 */
public class RegistryUnavailableException extends RegistryClientException {

    /** No server answered; {@code cause} is the last failure. */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
