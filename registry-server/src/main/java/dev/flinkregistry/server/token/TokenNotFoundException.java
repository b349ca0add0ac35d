package dev.flinkregistry.server.token;

import dev.flinkregistry.server.RegistryException;

/** No token with this id that the caller may manage. */
public class TokenNotFoundException extends RegistryException {

    public TokenNotFoundException(long id) {
        super("No token " + id + " that you may manage");
    }

    @Override
    public String code() {
        return "TOKEN_NOT_FOUND";
    }
}
