package dev.flinkregistry.server.upload;

/** The client already has as many uploads in progress as one client may. */
public class TooManyUploadsException extends UploadLimitException {

    TooManyUploadsException(int limit) {
        super("This client already has " + limit + " uploads in progress, as many as one client may; retry when "
                + "one has finished", limit);
    }

    @Override
    public String code() {
        return "TOO_MANY_UPLOADS";
    }
}
