package dev.flinkregistry.server.storage;

import java.io.IOException;
import java.nio.file.Path;

/** The file-system store for tests that wrap it, e.g. to inject a failure. */
public final class RealStore {

    private RealStore() {}

    public static BlobStore under(Path root) throws IOException {
        return new FileSystemBlobStore(root);
    }
}
