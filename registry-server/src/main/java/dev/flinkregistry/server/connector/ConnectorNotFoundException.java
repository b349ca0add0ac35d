package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.RegistryException;

/** No connector has this name in the workspace. */
public class ConnectorNotFoundException extends RegistryException {

    public ConnectorNotFoundException(String workspace, String name) {
        super("Connector '" + name + "' does not exist in workspace '" + workspace + "'");
    }

    @Override
    public String code() {
        return "CONNECTOR_NOT_FOUND";
    }
}
