package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.storage.BlobIntegrity;
import dev.flinkregistry.server.storage.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads the stored bytes of registered versions, so the web layer never touches storage itself,
 * and never bytes known not to match their digest.
 */
@Service
public class StoredJars {

    private final BlobStore blobs;
    private final BlobIntegrity integrity;
    private final MeterRegistry meters;

    StoredJars(BlobStore blobs, BlobIntegrity integrity, MeterRegistry meters) {
        this.blobs = blobs;
        this.integrity = integrity;
        this.meters = meters;
    }

    /** The stored size; throws {@link StoredJarCorruptException} for bytes known not to match their digest. */
    public long size(String sha256) throws IOException {
        if (integrity.isKnownCorrupt(sha256)) {
            throw new StoredJarCorruptException(sha256);
        }
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

    /** A short-lived URL of the bytes in the object store, when downloads are handed to it; else empty. */
    public Optional<URI> downloadUrl(String sha256, String fileName) {
        return blobs.downloadUrl(sha256, fileName);
    }

    /** Counts a download and the bytes it sends. */
    public void countDownload(long bytes) {
        meters.counter("registry.downloads").increment();
        meters.counter("registry.download.bytes").increment(bytes);
    }
}
