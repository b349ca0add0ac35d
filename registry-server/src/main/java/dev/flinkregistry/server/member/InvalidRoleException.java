package dev.flinkregistry.server.member;

import dev.flinkregistry.server.RegistryException;

/** A role the registry does not know. */
public class InvalidRoleException extends RegistryException {

    public InvalidRoleException(String role) {
        super("'role' must be viewer, submitter, developer or admin, not '" + role + "'");
    }

    @Override
    public String code() {
        return "INVALID_REQUEST";
    }
}
