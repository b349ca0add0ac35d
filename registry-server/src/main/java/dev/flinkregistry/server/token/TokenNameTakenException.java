package dev.flinkregistry.server.token;

import dev.flinkregistry.server.RegistryException;

/** A token name that another token (live, expired or revoked) already has. */
public class TokenNameTakenException extends RegistryException {

    public TokenNameTakenException(String name) {
        super("A token named '" + name + "' already exists (names are never reused, also after a token is revoked, "
                + "because the audit log, leases and the tokens it created name it as token:" + name + "); choose another name");
    }

    @Override
    public String code() {
        return "TOKEN_NAME_TAKEN";
    }
}
