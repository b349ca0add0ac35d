package dev.flinkregistry.client;

import java.util.Map;

/** The workspace, connector, version or bytes asked for do not exist (404). */
public class NotFoundException extends RegistryProblemException {

    /** A 404 answer with its problem code, detail and other members. */
    public NotFoundException(String code, String detail, Map<String, Object> properties) {
        super(404, code, detail, properties);
    }
}
