package dev.flinkregistry.client;

import java.util.Map;

/** The workspace, connector, version or bytes asked for do not exist (404). */
public class NotFoundException extends RegistryProblemException {

    public NotFoundException(String code, String detail, Map<String, Object> properties) {
        super(404, code, detail, properties);
    }
}
