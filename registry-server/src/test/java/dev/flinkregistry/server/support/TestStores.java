package dev.flinkregistry.server.support;

import dev.flinkregistry.testsupport.S3Server;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blob stores the suites run on: the data directory (nothing to set), or a new bucket of the
 * real S3-compatible server this JVM starts ({@link S3Server}, S3Proxy), combined with a database.
 */
public final class TestStores {

    private static final String BUCKET = "registry.storage.s3.bucket";

    private TestStores() {}

    /** The Spring properties of a new S3 bucket, path-style, together with the database's. */
    public static Map<String, Object> s3(Map<String, Object> database) {
        Map<String, Object> properties = new LinkedHashMap<>(database);
        properties.putAll(S3Server.shared().registrySettings());
        return properties;
    }

    /**
     * The directory whose files are the stored JARs of a server started with these properties:
     * {@code <data>/blobs}, or the S3 server's directory of the bucket's {@code blobs/} prefix.
     */
    public static Path blobDirectory(Map<String, Object> properties, Path dataDir) {
        Object bucket = properties.get(BUCKET);
        return bucket == null ? dataDir.resolve("blobs") : S3Server.shared().objectFile(bucket.toString(), "blobs");
    }
}
