package dev.flinkregistry.server.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JAR received into a scratch file (flushed to disk when the blob store may keep that very file),
 * with its digest and size. Closing it deletes the file unless it was handed to the blob store;
 * until then the receiver's sweep of abandoned uploads leaves it alone, however long it waits
 * (e.g. for an analysis slot).
 */
public final class ReceivedJar implements AutoCloseable {

    private final Path file;
    private final String sha256;
    private final long size;
    private final String fileName;
    private final List<byte[]> partMd5s;
    private final Runnable onClose;

    ReceivedJar(Path file, String sha256, long size, String fileName, List<byte[]> partMd5s, Runnable onClose) {
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
        this.fileName = fileName;
        this.partMd5s = List.copyOf(partMd5s);
        this.onClose = onClose;
    }

    /** The scratch file; gone after {@link #close()} or once the blob store took it. */
    public Path file() {
        return file;
    }

    /** The SHA-256 of the bytes as they were received. */
    public String sha256() {
        return sha256;
    }

    /**
     * The MD5 of each of the blob store's parts, computed in the same pass as {@link #sha256()}
     * ({@code BlobStore.partSize()}); empty when the store uses none.
     */
    public List<byte[]> partMd5s() {
        return partMd5s;
    }

    public long size() {
        return size;
    }

    /** The name it was sent under (upload) or the URL's last segment, if any. */
    public String fileName() {
        return fileName;
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            onClose.run();
        }
    }
}
