package dev.flinkregistry.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Copies of the bytes registered with {@link InMemoryRegistryClient}, as a server stores them: a
 * version stays what it was when the uploaded file changes or goes. They live in a temporary
 * directory, removed by {@link #close()} or else when the JVM exits.
 */
final class InMemoryJars implements AutoCloseable {

    private Path directory;

    /** Keeps a copy of the JAR, which must still have these bytes, and returns where. */
    synchronized Path keep(Path jar, String sha256) {
        try {
            Path kept = directory().resolve(sha256 + ".jar");
            if (Files.isRegularFile(kept)) {
                return kept;
            }
            Path copy = Files.createTempFile(directory, sha256, ".part");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            if (!JarCache.sha256Of(copy).equals(sha256)) {
                Files.delete(copy);
                throw new RegistryClientException(jar + " changed while it was being registered");
            }
            Files.move(copy, kept, StandardCopyOption.ATOMIC_MOVE);
            kept.toFile().deleteOnExit();
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep a copy of " + jar, e);
        }
    }

    private Path directory() throws IOException {
        if (directory == null) {
            directory = Files.createTempDirectory("in-memory-registry-");
            // Registered first, so deleted last: after the files in it.
            directory.toFile().deleteOnExit();
        }
        return directory;
    }

    @Override
    public synchronized void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Only copies; what is left goes when the JVM exits.
        }
        directory = null;
    }
}
