package dev.flinkregistry.server.storage;

import dev.flinkregistry.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Content-addressed storage for JAR bytes, keyed by their SHA-256. Implementations make a blob
 * durable before {@link #put} returns, so metadata is only ever committed for bytes that exist.
 */
public interface BlobStore {

    /**
     * Stores a fully written file under its digest, taking ownership of the file (flushed to disk
     * first when the store {@link #keepsTheFile() keeps that file}). Storing bytes that are already
     * there keeps the stored copy and marks it as recently used, unless the stored copy no longer
     * hashes to its digest: then this copy replaces it.
     */
    void put(String sha256, Path file) throws IOException;

    /**
     * Stores the file as {@link #put} does and answers the SHA-256 of the bytes now stored under the
     * digest: equal to it unless the file changed after it was hashed, or the stored copy differs.
     * By default the bytes are read back; a store that can prove what it holds otherwise (a checksum the
     * store itself checked) may answer without reading them back.
     */
    default String store(String sha256, Path file) throws IOException {
        put(sha256, file);
        return digestOf(sha256);
    }

    /**
     * Like {@link #store(String, Path)}, with the MD5 of each {@link #partSize()} part of the file,
     * computed in the same pass as its SHA-256 (when the upload was received), which spares a store
     * that checks them a pass of its own over the file.
     *
     * @param partMd5s the parts' MD5s, or an empty list when they were not computed
     */
    default String store(String sha256, Path file, java.util.List<byte[]> partMd5s) throws IOException {
        return store(sha256, file);
    }

    /**
     * Whether the file handed to {@link #put} may become the stored copy itself (a file store moves it
     * into place), so that it must be on disk before it is stored: whoever writes it then flushes it
     * ({@code fsync}). True unless the store says otherwise: one that sends the bytes elsewhere (an
     * object store) makes its own copy durable, and the file is scratch, not worth a flush.
     */
    default boolean keepsTheFile() {
        return true;
    }

    /** The part size whose MD5s {@link #store(String, Path, java.util.List)} can use; 0: none. */
    default long partSize() {
        return 0;
    }

    /**
     * The SHA-256 of the bytes stored under this digest, read back from the store: equal to the
     * digest unless the stored bytes changed.
     */
    default String digestOf(String sha256) throws IOException {
        try (InputStream in = open(sha256, 0)) {
            return Sha256.of(in);
        }
    }

    /** Whether bytes with this digest are stored. */
    boolean exists(String sha256);

    /** The stored size in bytes; the blob must exist. */
    long size(String sha256) throws IOException;

    /** The stored bytes from {@code offset} on; the caller reads at most what it needs and closes. */
    InputStream open(String sha256, long offset) throws IOException;

    /**
     * The local file that holds the bytes, when this store keeps them in files, so that they can be
     * sent with sendfile(2); empty for stores that do not.
     */
    default Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    /** Deletes the bytes, if stored. */
    void delete(String sha256) throws IOException;

    /**
     * Deletes the bytes only if they were not stored or touched since {@code instant}, so a
     * registration that stored them again meanwhile keeps them. Returns whether it deleted.
     */
    boolean deleteIfUntouchedSince(String sha256, Instant instant) throws IOException;

    /**
     * Ends uploads this store began before {@code instant} and never finished (a replica killed in the
     * middle of one), freeing what they left in the store; returns how many. Nothing by default: a
     * store that writes to a scratch file and renames it leaves nothing behind in the store itself.
     */
    default int abortUploadsStartedBefore(Instant instant) throws IOException {
        return 0;
    }

    /**
     * A short-lived URL at which a client may fetch the bytes straight from the store, when this store
     * is configured to hand them out; empty otherwise.
     *
     * @param fileName the name the download is saved under
     */
    default Optional<URI> downloadUrl(String sha256, String fileName) {
        return Optional.empty();
    }

    /** Visits every stored blob with its last use time, for garbage collection. */
    void forEach(Consumer<StoredBlob> visitor) throws IOException;

    /** A stored blob and when it was last stored or touched. */
    record StoredBlob(String sha256, long size, Instant lastModified) {}
}
