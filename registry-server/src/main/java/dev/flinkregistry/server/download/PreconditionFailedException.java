package dev.flinkregistry.server.download;

import dev.flinkregistry.server.RegistryException;
import java.util.Map;

/** An If-Match that names none of the JAR's entity tags: the client expected other bytes. */
public class PreconditionFailedException extends RegistryException {

    private final String etag;

    public PreconditionFailedException(String etag) {
        super("If-Match names no entity tag of this JAR, whose strong ETag is " + etag
                + " (a weak tag never matches, '*' always does)");
        this.etag = etag;
    }

    @Override
    public String code() {
        return "PRECONDITION_FAILED";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("etag", etag);
    }
}
