package dev.flinkregistry.server.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JAR received into a scratch file, flushed to disk, with its digest and size. Closing it
 * deletes the file unless it was handed to the blob store.
 */
public record ReceivedJar(Path file, String sha256, long size, String fileName) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
