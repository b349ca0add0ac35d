package dev.flinkregistry.server.storage;

import dev.flinkregistry.server.RegistryException;

/**
 * The object store did not answer, or answered with an error the registry cannot act on (down, too
 * slow, refusing the credentials, no such bucket). The request changed nothing and may be retried.
 */
public class StorageUnavailableException extends RegistryException {

    StorageUnavailableException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }

    @Override
    public String code() {
        return "STORAGE_UNAVAILABLE";
    }
}
