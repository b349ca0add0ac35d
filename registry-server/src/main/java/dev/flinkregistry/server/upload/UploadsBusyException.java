package dev.flinkregistry.server.upload;

/** The registry is receiving as many uploads as it takes at once, from all clients together. */
public class UploadsBusyException extends UploadLimitException {

    UploadsBusyException(int limit) {
        super("The registry is receiving " + limit + " uploads, as many as it takes at once; retry shortly", limit);
    }

    @Override
    public String code() {
        return "UPLOADS_BUSY";
    }
}
