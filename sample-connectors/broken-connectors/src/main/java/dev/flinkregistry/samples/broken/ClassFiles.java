package dev.flinkregistry.samples.broken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads class files from a compiled package or from another JAR, keyed and ordered by entry name.
 */
final class ClassFiles {

    private ClassFiles() {}

    /** The class files directly in one package of a classes directory. */
    static SortedMap<String, byte[]> ofPackage(Path classesDir, String packagePath)
            throws IOException {
        SortedMap<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.list(classesDir.resolve(packagePath))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class")) {
                    classes.put(packagePath + "/" + name, Files.readAllBytes(file));
                }
            }
        }
        return classes;
    }

    /** The entries of a JAR whose names match. */
    static SortedMap<String, byte[]> ofJar(Path jar, Predicate<String> names) throws IOException {
        SortedMap<String, byte[]> classes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && names.test(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    /** A copy of a class file that claims another class file major version (bytes 6 and 7). */
    static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] patched = classFile.clone();
        patched[6] = (byte) (major >>> 8);
        patched[7] = (byte) major;
        return patched;
    }
}
