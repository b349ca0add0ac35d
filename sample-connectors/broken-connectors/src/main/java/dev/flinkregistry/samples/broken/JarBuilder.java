package dev.flinkregistry.samples.broken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Collects a JAR's entries and writes them in order with one fixed timestamp, reproducibly. */
final class JarBuilder {

    static final String FACTORY_SERVICES =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    private static final int ZERO_CHUNK = 1024 * 1024;

    private final LocalDateTime entryTime;
    private final List<Entry> entries = new ArrayList<>();

    JarBuilder(LocalDateTime entryTime) {
        this.entryTime = entryTime;
        add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nCreated-By: BrokenJarWriter\r\n\r\n");
    }

    JarBuilder add(String name, byte[] content) {
        entries.add(new Entry(name, content, 0));
        return this;
    }

    JarBuilder add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A services file listing these factory classes, one per line. */
    JarBuilder services(String... factoryClasses) {
        return add(FACTORY_SERVICES, String.join("\n", factoryClasses) + "\n");
    }

    /** Adds class files (already in name order) as they are. */
    JarBuilder classes(Map<String, byte[]> classFiles) {
        return classes(classFiles, UnaryOperator.identity());
    }

    /** Adds class files (already in name order), each passed through {@code transform}. */
    JarBuilder classes(Map<String, byte[]> classFiles, UnaryOperator<byte[]> transform) {
        classFiles.forEach((name, bytes) -> add(name, transform.apply(bytes)));
        return this;
    }

    /**
     * An entry of {@code size} zero bytes, deflated while streaming so it is never held in memory.
     */
    JarBuilder zeros(String name, long size) {
        entries.add(new Entry(name, null, size));
        return this;
    }

    void writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(bytes);
        return bytes.toByteArray();
    }

    private void writeTo(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setTimeLocal(entryTime);
                zip.putNextEntry(zipEntry);
                if (entry.content() != null) {
                    zip.write(entry.content());
                } else {
                    writeZeros(zip, entry.zeros());
                }
                zip.closeEntry();
            }
        }
    }

    private static void writeZeros(OutputStream out, long size) throws IOException {
        byte[] chunk = new byte[ZERO_CHUNK];
        for (long left = size; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private record Entry(String name, byte[] content, long zeros) {}
}
