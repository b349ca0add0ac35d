package dev.flinkregistry.server.member;

import dev.flinkregistry.server.RegistryException;

/** A member name that cannot be a user's (see {@code UserNames}). */
public class InvalidMemberNameException extends RegistryException {

    public InvalidMemberNameException(String problem) {
        super("The member cannot be given a role: " + problem);
    }

    @Override
    public String code() {
        return "INVALID_REQUEST";
    }
}
