package dev.flinkregistry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A file written from a stream while its SHA-256 was computed, so a downloaded JAR is read once. */
record HashedFile(Path file, String sha256) {

    /**
     * Each read is one hash update and one write. 32 KiB to 1 MiB measured alike (64 KiB a little
     * ahead): a chunk this size stays in the processor's cache between the three passes.
     */
    private static final int BUFFER = 64 * 1024;

    /**
     * Writes {@code in} to its end into {@code file}, replacing what was there. The file is removed
     * when that fails: an attempt abandoned before its answer came may create it after the download
     * that abandoned it cleaned up.
     */
    static HashedFile write(InputStream in, Path file) throws IOException {
        MessageDigest digest = JarCache.newSha256();
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = new LocalFile(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new HashedFile(file, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * The file being written. Its failures (disk full, no permission) are {@link RegistryClientException}s:
     * final, not a reason to download the JAR again from the next server, as a failed read is.
     */
    private static final class LocalFile extends OutputStream {
        private final Path file;
        private final OutputStream out;

        LocalFile(Path file) {
            this.file = file;
            try {
                this.out = Files.newOutputStream(file);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private RegistryClientException failure(IOException e) {
            return new RegistryClientException("Could not write the downloaded JAR to " + file + ": " + e, e);
        }
    }
}
