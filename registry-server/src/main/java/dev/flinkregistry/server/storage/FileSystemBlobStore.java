package dev.flinkregistry.server.storage;

import dev.flinkregistry.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Stores blobs as read-only files under {@code root/ab/abcdef….jar}, moved into place atomically
 * and flushed with their directory.
 */
class FileSystemBlobStore implements BlobStore {

    private final Path root;

    FileSystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public synchronized void put(String sha256, Path file) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            try {
                if (digestOf(sha256).equals(sha256)) {
                    Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                    Files.deleteIfExists(file);
                    return;
                }
                // The stored copy changed since it was stored: this good copy replaces it.
            } catch (NoSuchFileException collectedMeanwhile) {
                // Fall through and store this copy.
            }
        }
        Files.createDirectories(target.getParent());
        readOnly(file);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Stored bytes are never written again; a file mode says so to anything on this machine. */
    private static void readOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        } else {
            file.toFile().setReadOnly();
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public long size(String sha256) throws IOException {
        return Files.size(pathOf(sha256));
    }

    @Override
    public InputStream open(String sha256, long offset) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return Optional.of(pathOf(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public synchronized boolean deleteIfUntouchedSince(String sha256, Instant instant) throws IOException {
        Path target = pathOf(sha256);
        try {
            if (Files.getLastModifiedTime(target).toInstant().isBefore(instant)) {
                return Files.deleteIfExists(target);
            }
            return false;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    @Override
    public void forEach(Consumer<StoredBlob> visitor) throws IOException {
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") && Sha256.isDigest(name.substring(0, name.length() - 4))) {
                    try {
                        visitor.accept(new StoredBlob(name.substring(0, 64), Files.size(file),
                                Files.getLastModifiedTime(file).toInstant()));
                    } catch (NoSuchFileException deletedMeanwhile) {
                        // Another replica collected it.
                    }
                }
            }
        }
    }

    private Path pathOf(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("Not a SHA-256 digest: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".jar");
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupportedHere) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }
}
