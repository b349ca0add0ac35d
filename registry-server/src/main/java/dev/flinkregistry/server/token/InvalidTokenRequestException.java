package dev.flinkregistry.server.token;

import dev.flinkregistry.server.RegistryException;

/** A token request with a role or lifetime the registry does not give. */
public class InvalidTokenRequestException extends RegistryException {

    public InvalidTokenRequestException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "INVALID_REQUEST";
    }
}
