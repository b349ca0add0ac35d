package dev.flinkregistry.analyzer;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a class file only as far as its interfaces: version, constant pool, access flags, this
 * class, superclass and interfaces. Stopping there means methods' code is never inflated, which
 * halves the work of scanning a large JAR.
 */
final class ClassHeaderReader {

    private ClassHeaderReader() {}

    /**
     * The class's facts, handing every class name its constant pool references to {@code references};
     * null when the stream is not a well-formed class file header.
     */
    static ClassFacts read(InputStream stream, Consumer<String> references) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            return null;
        }
        in.readUnsignedShort();
        int major = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        byte[][] utf8 = new byte[count][];
        int[] classNames = new int[count];
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readNBytes(in.readUnsignedShort());
                case 7 -> classNames[index] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    index++;
                }
                default -> {
                    return null;
                }
            }
        }
        int access = in.readUnsignedShort();
        String name = className(utf8, classNames, in.readUnsignedShort());
        String superName = className(utf8, classNames, in.readUnsignedShort());
        int interfaceCount = in.readUnsignedShort();
        List<String> interfaces = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(className(utf8, classNames, in.readUnsignedShort()));
        }
        for (int index = 1; index < count; index++) {
            if (classNames[index] != 0) {
                String referenced = elementType(text(utf8, classNames[index]));
                if (referenced != null) {
                    references.accept(referenced);
                }
            }
        }
        return name == null ? null : new ClassFacts(name, superName, List.copyOf(interfaces), access, major);
    }

    private static String className(byte[][] utf8, int[] classNames, int index) {
        return index > 0 && index < classNames.length ? text(utf8, classNames[index]) : null;
    }

    private static String text(byte[][] utf8, int index) {
        return index > 0 && index < utf8.length && utf8[index] != null
                ? new String(utf8[index], StandardCharsets.UTF_8) : null;
    }

    /** The element class of an array descriptor ({@code [Lx/Y;} → {@code x/Y}); null for primitive arrays. */
    private static String elementType(String name) {
        if (name == null || !name.startsWith("[")) {
            return name;
        }
        String element = name.replaceFirst("^\\[+", "");
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : null;
    }
}
