package dev.flinkregistry.server.workspace;

import dev.flinkregistry.server.RegistryException;

/** A workspace with this name exists already. */
public class WorkspaceAlreadyExistsException extends RegistryException {

    public WorkspaceAlreadyExistsException(String workspace) {
        super("Workspace '" + workspace + "' already exists");
    }

    @Override
    public String code() {
        return "WORKSPACE_ALREADY_EXISTS";
    }
}
