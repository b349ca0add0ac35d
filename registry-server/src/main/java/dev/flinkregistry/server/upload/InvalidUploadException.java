package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;

/** An upload request whose parameters or JSON body are malformed (not the JAR itself). */
public class InvalidUploadException extends RegistryException {

    private final String code;

    private InvalidUploadException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A parameter or member with a value it cannot have. */
    public static InvalidUploadException invalid(String message) {
        return new InvalidUploadException("INVALID_REQUEST", message);
    }

    /** A body that is not well-formed JSON. */
    public static InvalidUploadException malformed(String message) {
        return new InvalidUploadException("MALFORMED_REQUEST", message);
    }

    @Override
    public String code() {
        return code;
    }
}
