package dev.flinkregistry.analyzer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds a small JAR inside a test from class files of the sample and broken JARs; it can also
 * make the central directory lie about an entry's inflated size, as a crafted archive would.
 */
final class TestJarBuilder {

    static final String SERVICES = "META-INF/services/org.apache.flink.table.factories.Factory";

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CEN_SIGNATURE = 0x02014b50;
    private static final int CEN_HEADER_BYTES = 46;

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Integer> declaredSizes = new LinkedHashMap<>();
    private int classFileMajor;

    private TestJarBuilder() {
        entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nCreated-By: TestJarBuilder\r\n\r\n");
    }

    static TestJarBuilder jar() {
        return new TestJarBuilder();
    }

    /** The Flink services file, listing these factory classes one per line. */
    TestJarBuilder services(String... factoryClasses) {
        return entry(SERVICES, String.join("\n", factoryClasses) + "\n");
    }

    TestJarBuilder entry(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestJarBuilder entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    /** Copies these classes (binary names, with their nested classes) from another JAR. */
    TestJarBuilder classesFrom(Path jar, String... classNames) throws IOException {
        for (String className : classNames) {
            String path = className.replace('.', '/');
            int before = entries.size();
            entriesFrom(jar, name -> name.equals(path + ".class") || name.startsWith(path + "$") && name.endsWith(".class"));
            if (entries.size() == before) {
                throw new AssertionError(jar + " has no class " + className);
            }
        }
        return this;
    }

    /** Copies the entries whose names match from another JAR. */
    TestJarBuilder entriesFrom(Path jar, Predicate<String> names) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory() && names.test(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return this;
    }

    /** Makes every class file claim this class file version (bytes 6 and 7), e.g. 65 for Java 21. */
    TestJarBuilder classFileVersion(int major) {
        classFileMajor = major;
        return this;
    }

    /**
     * A copy of a class file whose own name is replaced by another of the same length (so the
     * constant pool keeps its layout), to make several distinct classes from one.
     */
    static byte[] renamedClass(byte[] classFile, String internalName, String newInternalName) {
        if (internalName.length() != newInternalName.length()) {
            throw new IllegalArgumentException("Names must have the same length");
        }
        String bytes = new String(classFile, StandardCharsets.ISO_8859_1);
        if (!bytes.contains(internalName)) {
            throw new IllegalArgumentException("The class file does not name " + internalName);
        }
        return bytes.replace(internalName, newInternalName).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The content of one entry of a JAR. */
    static byte[] entryOf(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new AssertionError(jar + " has no entry " + name);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /** Makes the central directory claim this entry inflates to {@code size} bytes, whatever it really does. */
    TestJarBuilder declaringSize(String name, int size) {
        declaredSizes.put(name, size);
        return this;
    }

    /**
     * A well-formed class file header whose constant pool holds about {@code bytes} bytes of text,
     * so whoever reads the class's name and interfaces has to inflate all of it first.
     */
    static byte[] classWithLargeConstantPool(String internalName, int bytes) throws IOException {
        int chunk = 60_000;
        int texts = Math.max(1, bytes / chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 1024);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(0xCAFEBABE);
        data.writeShort(0);
        data.writeShort(61);
        data.writeShort(texts + 3);
        byte[] text = new byte[chunk];
        Arrays.fill(text, (byte) 'a');
        for (int i = 0; i < texts; i++) {
            data.writeByte(1);
            data.writeShort(chunk);
            data.write(text);
        }
        data.writeByte(1);
        data.writeUTF(internalName);
        data.writeByte(7);
        data.writeShort(texts + 1);
        data.writeShort(0x0001);
        data.writeShort(texts + 2);
        for (int i = 0; i < 5; i++) {
            data.writeShort(0); // super class, interfaces, fields, methods, attributes
        }
        data.flush();
        return out.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(withClassFileVersion(entry.getKey(), entry.getValue()));
                zip.closeEntry();
            }
        }
        byte[] archive = bytes.toByteArray();
        if (!declaredSizes.isEmpty()) {
            patchCentralDirectory(archive);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, archive);
    }

    private byte[] withClassFileVersion(String name, byte[] content) {
        if (classFileMajor == 0 || !name.endsWith(".class") || content.length < 8
                || ByteBuffer.wrap(content).getInt() != 0xCAFEBABE) {
            return content;
        }
        byte[] patched = content.clone();
        patched[6] = (byte) (classFileMajor >>> 8);
        patched[7] = (byte) classFileMajor;
        return patched;
    }

    /** Rewrites the uncompressed size (offset 24) of the central directory headers of the named entries. */
    private void patchCentralDirectory(byte[] archive) {
        ByteBuffer buffer = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        int end = archive.length - 22;
        if (buffer.getInt(end) != EOCD_SIGNATURE) {
            throw new IllegalStateException("The archive ends with a comment; this builder writes none");
        }
        int count = Short.toUnsignedInt(buffer.getShort(end + 10));
        int header = buffer.getInt(end + 16);
        int patched = 0;
        for (int i = 0; i < count; i++) {
            if (buffer.getInt(header) != CEN_SIGNATURE) {
                throw new IllegalStateException("No central directory header at " + header);
            }
            int nameLength = Short.toUnsignedInt(buffer.getShort(header + 28));
            int extraLength = Short.toUnsignedInt(buffer.getShort(header + 30));
            int commentLength = Short.toUnsignedInt(buffer.getShort(header + 32));
            String name = new String(archive, header + CEN_HEADER_BYTES, nameLength, StandardCharsets.UTF_8);
            Integer size = declaredSizes.get(name);
            if (size != null) {
                buffer.putInt(header + 24, size);
                patched++;
            }
            header += CEN_HEADER_BYTES + nameLength + extraLength + commentLength;
        }
        if (patched != declaredSizes.size()) {
            throw new IllegalStateException("Not every entry to patch is in the archive: " + declaredSizes.keySet());
        }
    }
}
