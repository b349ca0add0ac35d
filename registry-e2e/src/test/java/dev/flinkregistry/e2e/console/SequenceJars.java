package dev.flinkregistry.e2e.console;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies of the sample {@code sequence} source that offer another identifier, for workspaces with many
 * connectors: a workspace lets one connector own an identifier, so each connector needs a JAR of its own.
 * Only the factory class changes: the one constant-pool string {@code "sequence"} (the constant
 * {@code factoryIdentifier()} returns) becomes the new identifier.
 */
final class SequenceJars {

    private static final String FACTORY = "dev/flinkregistry/samples/sequence/SequenceDynamicTableFactory.class";
    private static final String IDENTIFIER = "sequence";

    private SequenceJars() {}

    /** Writes {@code target}: the JAR {@code sequence} with the factory's identifier replaced by {@code identifier}. */
    static Path withIdentifier(Path sequence, String identifier, Path target) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(sequence));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            boolean replaced = false;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals(FACTORY)) {
                    content = replaceString(content, IDENTIFIER, identifier);
                    replaced = true;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
            if (!replaced) {
                throw new AssertionError(sequence + " has no " + FACTORY);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class file with its CONSTANT_Utf8 {@code from} replaced by {@code to}. Code refers to constants by
     * index, never by offset, so only that entry's length and bytes change (both are ASCII, so modified
     * UTF-8 is UTF-8).
     */
    static byte[] replaceString(byte[] classFile, String from, String to) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + to.length());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(in.readInt());
            out.writeInt(in.readInt());
            int count = in.readUnsignedShort();
            out.writeShort(count);
            int replaced = 0;
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                out.writeByte(tag);
                switch (tag) {
                    case 1 -> {
                        byte[] utf8 = in.readNBytes(in.readUnsignedShort());
                        if (new String(utf8, StandardCharsets.UTF_8).equals(from)) {
                            utf8 = to.getBytes(StandardCharsets.UTF_8);
                            replaced++;
                        }
                        out.writeShort(utf8.length);
                        out.write(utf8);
                    }
                    case 7, 8, 16, 19, 20 -> copy(in, out, 2);
                    case 15 -> copy(in, out, 3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> copy(in, out, 4);
                    case 5, 6 -> {
                        copy(in, out, 8);
                        index++;
                    }
                    default -> throw new IllegalArgumentException("Unknown constant-pool tag " + tag);
                }
            }
            if (replaced != 1) {
                throw new AssertionError("Expected the string \"" + from + "\" once in the constant pool, found it "
                        + replaced + " times");
            }
            in.transferTo(out);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream in, OutputStream out, int length) throws IOException {
        out.write(in.readNBytes(length));
    }
}
