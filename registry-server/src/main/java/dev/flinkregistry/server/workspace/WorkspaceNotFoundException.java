package dev.flinkregistry.server.workspace;

import dev.flinkregistry.server.RegistryException;

/** No workspace has this name. */
public class WorkspaceNotFoundException extends RegistryException {

    public WorkspaceNotFoundException(String workspace) {
        super("Workspace '" + workspace + "' does not exist");
    }

    @Override
    public String code() {
        return "WORKSPACE_NOT_FOUND";
    }
}
