package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;

/** The request carries no JAR: an empty body, or a form without a {@code file} part. */
public class MissingUploadException extends RegistryException {

    public MissingUploadException(String what) {
        super(what);
    }

    @Override
    public String code() {
        return "MISSING_JAR";
    }
}
