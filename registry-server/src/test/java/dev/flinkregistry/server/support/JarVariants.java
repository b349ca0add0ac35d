package dev.flinkregistry.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Test-only rewrites of real JARs: the same classes and services file plus one extra entry, so
 * that the copies declare exactly the same factories but have different bytes (and SHA-256s); or
 * several real JARs merged into one, whose services file declares all their factories.
 */
public final class JarVariants {

    /** Where the extra entries go; a resource no analysis cares about. */
    private static final String EXTRA = "META-INF/registry-test/";
    private static final String FACTORY_SERVICES = "META-INF/services/org.apache.flink.table.factories.Factory";

    private JarVariants() {}

    /** A copy of {@code source} with a small text entry holding {@code marker}: distinct bytes, same factories. */
    public static Path withMarker(Path source, Path target, String marker) {
        byte[] text = ("variant " + marker + "\n").getBytes(StandardCharsets.UTF_8);
        return rewrite(source, target, zip -> {
            ZipEntry entry = new ZipEntry(EXTRA + "marker.txt");
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(text);
            zip.closeEntry();
        });
    }

    /**
     * A copy of {@code source} padded to roughly {@code padBytes} more with a STORED entry of
     * pseudo-random bytes (incompressible, so a client really sends that many bytes).
     */
    public static Path padded(Path source, Path target, long padBytes) {
        return rewrite(source, target, zip -> {
            CRC32 crc = new CRC32();
            writePadding(padBytes, crc::update);
            ZipEntry entry = new ZipEntry(EXTRA + "padding.bin");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(padBytes);
            entry.setCompressedSize(padBytes);
            entry.setCrc(crc.getValue());
            entry.setTime(0);
            zip.putNextEntry(entry);
            writePadding(padBytes, zip::write);
            zip.closeEntry();
        });
    }

    /**
     * One JAR with every entry of {@code sources} (the first copy of an entry wins) and a factory
     * services file that declares all their factories and then {@code moreFactories}: e.g. a sample
     * connector that loads next to a broken one's factory, or a declared class that is not there.
     */
    public static Path merged(Path target, List<Path> sources, String... moreFactories) {
        return combined(target, sources, Set.copyOf(sources), moreFactories);
    }

    /**
     * One JAR with every entry of both, declaring only {@code declared}'s factories: the other's
     * factory classes are there but undeclared (a {@code FACTORY_NOT_DECLARED} warning).
     */
    public static Path withUndeclaredFactories(Path target, Path declared, Path undeclared) {
        return combined(target, List.of(declared, undeclared), Set.of(declared));
    }

    private static Path combined(Path target, List<Path> sources, Set<Path> declaring, String... moreFactories) {
        Set<String> factories = new LinkedHashSet<>();
        Set<String> written = new HashSet<>();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
                for (Path source : sources) {
                    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
                        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                            if (entry.getName().equals(FACTORY_SERVICES)) {
                                if (!declaring.contains(source)) {
                                    continue;
                                }
                                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(factories::add);
                            } else if (written.add(entry.getName())) {
                                ZipEntry copy = new ZipEntry(entry.getName());
                                copy.setTime(entry.getTime());
                                out.putNextEntry(copy);
                                in.transferTo(out);
                                out.closeEntry();
                            }
                        }
                    }
                }
                factories.addAll(List.of(moreFactories));
                ZipEntry services = new ZipEntry(FACTORY_SERVICES);
                services.setTime(0);
                out.putNextEntry(services);
                out.write((String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not merge " + sources + " into " + target, e);
        }
    }

    /** The file's SHA-256, lower-case hex, as the registry reports it. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface ZipAddition {
        void addTo(ZipOutputStream zip) throws IOException;
    }

    private interface Chunks {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private static Path rewrite(Path source, Path target, ZipAddition addition) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    in.transferTo(out);
                    out.closeEntry();
                }
                addition.addTo(out);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rewrite " + source + " to " + target, e);
        }
    }

    /** The same pseudo-random bytes every time, so one pass can compute the CRC and the next write them. */
    private static void writePadding(long total, Chunks sink) throws IOException {
        Random random = new Random(20_26_11_21L);
        byte[] chunk = new byte[1 << 20];
        long left = total;
        while (left > 0) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, left);
            sink.accept(chunk, 0, n);
            left -= n;
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
