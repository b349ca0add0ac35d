package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.config.RegistryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Streams an incoming JAR to a scratch file while hashing it, never holding it whole in memory,
 * and flushes it to disk before anyone relies on it.
 */
@Component
public class JarReceiver {

    private static final int BUFFER = 256 * 1024;

    private final Path scratch;
    private final long maxBytes;

    public JarReceiver(RegistryProperties properties) throws IOException {
        this.scratch = Files.createDirectories(properties.dataDir().resolve("tmp"));
        this.maxBytes = properties.maxJarSize().toBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Where partial uploads are written; what is left there after a crash is collected later. */
    public Path scratchDirectory() {
        return scratch;
    }

    /** Receives the stream; throws {@link JarTooLargeException} (and keeps nothing) past the maximum. */
    public ReceivedJar receive(InputStream in, String fileName) throws IOException {
        Path file = scratch.resolve("upload-" + UUID.randomUUID() + ".part");
        MessageDigest digest = sha256();
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
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return new ReceivedJar(file, HexFormat.of().formatHex(digest.digest()), size, fileName);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
