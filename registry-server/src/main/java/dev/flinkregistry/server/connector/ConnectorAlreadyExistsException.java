package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;

/** A connector with this name exists already; new bytes for it are an update. */
public class ConnectorAlreadyExistsException extends RegistryException {

    public ConnectorAlreadyExistsException(String workspace, String name) {
        super("Connector '" + name + "' already exists in workspace '" + workspace
                + "': upload new bytes as a version of it (POST …/connectors/" + name + "/versions)");
    }

    @Override
    public String code() {
        return "CONNECTOR_ALREADY_EXISTS";
    }
}
