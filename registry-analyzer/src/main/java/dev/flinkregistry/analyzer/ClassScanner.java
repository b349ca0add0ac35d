package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Reads every class file header of an archive (class, superclass, interfaces, version, the Flink
 * classes its constant pool names) and the embedded Maven descriptors, counting what it inflates.
 */
final class ClassScanner {

    private static final Pattern FLINK_VERSION_PROPERTY = Pattern.compile("<flink\\.version>\\s*([0-9][^<\\s]*)\\s*</flink\\.version>");
    private static final int DESCRIPTOR_MAX_BYTES = 1 << 20;

    private final AnalyzerSettings settings;

    ClassScanner(AnalyzerSettings settings) {
        this.settings = settings;
    }

    /** What the classes of an archive say about it. */
    static final class Contents {
        final Map<String, ClassFacts> classes = new HashMap<>();
        final TreeSet<String> flinkReferences = new TreeSet<>();
        final Map<String, Properties> mavenDescriptors = new HashMap<>();
        final Map<String, String> pomFlinkVersions = new HashMap<>();
        java.util.jar.Attributes manifest = new java.util.jar.Attributes();
        int newestMajor;
        Finding inflationExceeded;
    }

    Contents scan(OpenedArchive archive) throws IOException {
        Contents contents = new Contents();
        long inflated = 0;
        Enumeration<? extends ZipEntry> entries = archive.zip().entries();
        while (entries.hasMoreElements() && contents.inflationExceeded == null) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            long read;
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                read = readClass(archive, entry, contents);
            } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                byte[] bytes = read(archive, entry, DESCRIPTOR_MAX_BYTES);
                Properties properties = new Properties();
                properties.load(new java.io.ByteArrayInputStream(bytes));
                contents.mavenDescriptors.put(name, properties);
                read = bytes.length;
            } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
                byte[] bytes = read(archive, entry, DESCRIPTOR_MAX_BYTES);
                Matcher matcher = FLINK_VERSION_PROPERTY.matcher(new String(bytes, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    contents.pomFlinkVersions.put(name, matcher.group(1));
                }
                read = bytes.length;
            } else if (name.equals("META-INF/MANIFEST.MF")) {
                byte[] bytes = read(archive, entry, DESCRIPTOR_MAX_BYTES);
                try {
                    contents.manifest = new java.util.jar.Manifest(new java.io.ByteArrayInputStream(bytes))
                            .getMainAttributes();
                } catch (IOException malformed) {
                    // A malformed manifest says nothing about the Flink version; Flink ignores it too.
                }
                read = bytes.length;
            } else {
                continue;
            }
            inflated += read;
            if (inflated > settings.maxInflatedBytes()) {
                contents.inflationExceeded = Finding.of(FindingCode.ARCHIVE_TOO_LARGE_INFLATED,
                        "The entries inflate to more than " + settings.maxInflatedBytes()
                                + " bytes, more than their directory declares.");
            }
        }
        return contents;
    }

    /**
     * Reads a class header; returns how many bytes were inflated for it. Relocated third-party code
     * (a {@code shaded} package) is read only for its class version: relocated libraries neither
     * declare factories nor call Flink's API, and they are most of a fat connector JAR.
     */
    private long readClass(OpenedArchive archive, ZipEntry entry, Contents contents) throws IOException {
        try (CountingStream in = new CountingStream(archive.zip().getInputStream(entry), settings.maxClassFileBytes())) {
            if (entry.getName().contains("/shaded/")) {
                byte[] head = in.readNBytes(8);
                if (head.length == 8 && (head[0] & 0xff) == 0xCA && (head[1] & 0xff) == 0xFE) {
                    int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                    String name = entry.getName().substring(0, entry.getName().length() - ".class".length());
                    contents.classes.put(name, new ClassFacts(name, null, List.of(), 0, major));
                    contents.newestMajor = Math.max(contents.newestMajor, major);
                }
                return in.count;
            }
            ClassFacts facts;
            try {
                facts = ClassHeaderReader.read(new java.io.BufferedInputStream(in, 8192), referenced -> {
                    if (referenced.startsWith("org/apache/flink/")) {
                        contents.flinkReferences.add(referenced);
                    }
                });
            } catch (java.io.EOFException truncatedClass) {
                facts = null;
            }
            if (facts != null) {
                contents.classes.put(facts.name(), facts);
                contents.newestMajor = Math.max(contents.newestMajor, facts.majorVersion());
            }
            return in.count;
        }
    }

    private byte[] read(OpenedArchive archive, ZipEntry entry, long limit) throws IOException {
        try (InputStream in = archive.zip().getInputStream(entry)) {
            return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16));
        }
    }

    /** Counts what is inflated and refuses to inflate past a limit. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long limit;
        long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = count < limit ? super.read() : -1;
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
            count += Math.max(n, 0);
            return n;
        }
    }
}
