package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;

/** The request body is neither a JAR, a multipart form with a {@code file}, nor a JSON URL reference. */
public class UnsupportedUploadException extends RegistryException {

    public UnsupportedUploadException(String contentType) {
        super("Content type '" + contentType + "' is not accepted: send the JAR as application/java-archive or "
                + "application/octet-stream, as multipart/form-data with a 'file' part, or "
                + "{\"url\": …} as application/json");
    }

    @Override
    public String code() {
        return "UNSUPPORTED_MEDIA_TYPE";
    }
}
