package dev.flinkregistry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A real connector JAR made large: its entries, then one STORED entry of pseudo-random bytes
 * (incompressible, so every byte is really sent and stored), streamed to disk, never held in memory.
 * Same factories as the source, so it passes the analysis; a different seed gives different bytes.
 */
final class PaddedJar {

    private static final String PADDING = "META-INF/registry-benchmark/padding.bin";
    private static final int CHUNK = 1 << 20;

    private PaddedJar() {}

    /** Writes {@code source}'s entries plus {@code padBytes} of padding from {@code seed} to {@code target}. */
    static Path write(Path source, Path target, long padBytes, long seed) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target));
             ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
            // STORED needs the CRC before the bytes: one pass to compute it, a second, same seed, to write them.
            CRC32 crc = new CRC32();
            padding(padBytes, seed, crc::update);
            ZipEntry entry = new ZipEntry(PADDING);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(padBytes);
            entry.setCompressedSize(padBytes);
            entry.setCrc(crc.getValue());
            entry.setTime(0);
            out.putNextEntry(entry);
            padding(padBytes, seed, chunk -> {
                try {
                    out.write(chunk);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.closeEntry();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    private static void padding(long bytes, long seed, Consumer<byte[]> sink) {
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        for (long left = bytes; left > 0; left -= CHUNK) {
            random.nextBytes(chunk);
            sink.accept(left >= CHUNK ? chunk : Arrays.copyOf(chunk, (int) left));
        }
    }
}
