package dev.flinkregistry.analysisservice;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Receives a request's body, the JAR's bytes (or one part of a form, {@link IncomingForm}), into a
 * scratch file under {@code work-dir/incoming}, hashing as it goes and stopping at
 * {@code registry.analysis.max-jar-size}: never whole in memory.
 */
@Component
class IncomingJars {

    private static final int BUFFER = 64 * 1024;

    private final Path directory;
    private final long maxBytes;

    IncomingJars(ServiceSettings settings) {
        this.directory = settings.workDir().resolve("incoming");
        this.maxBytes = settings.maxJarSize().toBytes();
        try {
            Files.createDirectories(directory);
            // What a crash left: nothing in here outlives the request that wrote it.
            try (var leftovers = Files.list(directory)) {
                for (Path file : leftovers.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("registry.analysis.work-dir is not writable: " + directory, e);
        }
    }

    /** A received JAR; closing it deletes the file. */
    record Received(Path file, String sha256, long size) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The next start removes it.
            }
        }
    }

    Received receive(HttpServletRequest request) throws IOException {
        Received received = receive(request.getInputStream(), request.getContentLengthLong(), "The JAR");
        if (received.size() == 0) {
            received.close();
            throw new ServiceException(400, "MISSING_JAR", "The request has no body: send the JAR's bytes with "
                    + "Content-Type: application/java-archive");
        }
        return received;
    }

    /**
     * Copies {@code body} (a request's) into a scratch file of its own, hashed as it
     * streams and cut at max-jar-size ({@code what} names it in the refusal); it may be empty.
     */
    Received receive(InputStream body, long declared, String what) throws IOException {
        if (declared > maxBytes) {
            throw tooLarge(what);
        }
        Path file = Files.createTempFile(directory, "upload-", ".jar");
        Received received = null;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw tooLarge(what);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            received = new Received(file, HexFormat.of().formatHex(digest.digest()), size);
            return received;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (received == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Takes a file already received under {@link #directory()} (a form's part, moved there): hashes
     * it; it is deleted when the result is closed, or at once if hashing fails.
     */
    Received adopt(Path file) throws IOException {
        Received received = null;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                digest.update(buffer, 0, n);
            }
            received = new Received(file, HexFormat.of().formatHex(digest.digest()), size);
            return received;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (received == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Where received JARs and the parts of a form being read are kept. */
    Path directory() {
        return directory;
    }

    private ServiceException tooLarge(String what) {
        return new ServiceException(413, "JAR_TOO_LARGE", what + " is larger than registry.analysis.max-jar-size ("
                + maxBytes + " bytes)");
    }
}
