package dev.flinkregistry.server.upload;

import dev.flinkregistry.model.Sha256;
import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.storage.PartDigests;
import dev.flinkregistry.server.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Streams an incoming JAR to a scratch file while hashing it, never holding it whole in memory,
 * and flushes it to disk when the blob store keeps that very file as the stored copy (the file
 * store); with an object store the file is scratch, and the store makes its own copy durable. It
 * also owns what is left in its scratch directory: files of uploads still in progress or waiting
 * are never swept, abandoned ones are.
 */
@Component
public class JarReceiver {

    private static final int BUFFER = 256 * 1024;

    private final Path scratch;
    private final long maxBytes;
    /** The blob store's part size, whose MD5s are computed while receiving (0: none). */
    private final long partSize;
    /** Whether the blob store keeps the received file itself, which must then be on disk before it is stored. */
    private final boolean flush;
    private final Set<Path> inUse = ConcurrentHashMap.newKeySet();

    public JarReceiver(StorageProperties storage, UploadProperties uploads, BlobStore blobs) throws IOException {
        this.scratch = Files.createDirectories(storage.scratch());
        this.maxBytes = uploads.maxJarSize().toBytes();
        this.partSize = blobs.partSize();
        this.flush = blobs.keepsTheFile();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Where partial uploads are written; what is left there after a crash is swept by {@link #deleteAbandoned}. */
    public Path scratchDirectory() {
        return scratch;
    }

    /** Receives the stream; throws {@link JarTooLargeException} (and keeps nothing) past the maximum. */
    public ReceivedJar receive(InputStream in, String fileName) throws IOException {
        Path file = scratch.resolve("upload-" + UUID.randomUUID() + ".part");
        inUse.add(file);
        MessageDigest digest = Sha256.newDigest();
        PartDigests parts = partSize > 0 ? new PartDigests(partSize) : null;
        long size = 0;
        boolean complete = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                size += read;
                if (size > maxBytes) {
                    throw new JarTooLargeException(maxBytes);
                }
                digest.update(buffer, 0, read);
                if (parts != null) {
                    parts.update(buffer, 0, read);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            if (flush) {
                out.force(true);
            }
            complete = true;
        } finally {
            if (!complete) {
                inUse.remove(file);
                Files.deleteIfExists(file);
            }
        }
        return new ReceivedJar(file, HexFormat.of().formatHex(digest.digest()), size, fileName,
                parts == null ? List.of() : parts.finish(), () -> inUse.remove(file));
    }

    /**
     * Deletes scratch files last written before {@code olderThan} that no upload holds any more (left
     * by a crash or a killed server); returns how many.
     */
    public int deleteAbandoned(Instant olderThan) throws IOException {
        int deleted = 0;
        try (Stream<Path> files = Files.list(scratch)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (!inUse.contains(file) && Files.getLastModifiedTime(file).toInstant().isBefore(olderThan)
                            && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (NoSuchFileException goneMeanwhile) {
                    // Stored or closed while this ran.
                }
            }
        }
        return deleted;
    }
}
