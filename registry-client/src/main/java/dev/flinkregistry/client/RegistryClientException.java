package dev.flinkregistry.client;

/** Anything that went wrong talking to the registry. */
public class RegistryClientException extends RuntimeException {

    /** A failure described by the message. */
    public RegistryClientException(String message) {
        super(message);
    }

    /** A failure described by the message, caused by another. */
    public RegistryClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
