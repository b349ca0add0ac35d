package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.storage.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the stored bytes of registered versions, so the web layer never touches storage itself. */
@Service
public class StoredJars {

    private final BlobStore blobs;
    private final MeterRegistry meters;

    StoredJars(BlobStore blobs, MeterRegistry meters) {
        this.blobs = blobs;
        this.meters = meters;
    }

    public long size(String sha256) throws IOException {
        return blobs.size(sha256);
    }

    /** The bytes from {@code offset} on. */
    public InputStream open(String sha256, long offset) throws IOException {
        return blobs.open(sha256, offset);
    }

    /** The local file behind the bytes, when the store keeps them in files (for zero-copy serving). */
    public Optional<Path> localFile(String sha256) {
        return blobs.localFile(sha256);
    }

    /** Counts a download and the bytes it sends. */
    public void countDownload(long bytes) {
        meters.counter("registry.downloads").increment();
        meters.counter("registry.download.bytes").increment(bytes);
    }
}
