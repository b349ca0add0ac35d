package dev.flinkregistry.client;

/** Anything that went wrong talking to the registry. */
public class RegistryClientException extends RuntimeException {

    public RegistryClientException(String message) {
        super(message);
    }

    public RegistryClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
