package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * The test input JARs a module's build copies to the directory named by the system property
 * {@code test.jars.dir} (by default {@code target/test-jars}), and JAR-like files with known bytes
 * and digests.
 *
 * <p>Every module that copies the sample connectors puts them at the top of that directory under
 * their artifact names ({@link #sequenceV1()} and the like). The analyzer's build puts broken,
 * hostile and Maven Central JARs into the subdirectories {@code broken/}, {@code hostile/} and
 * {@code central/} ({@link #broken(String)} and the like); the server's and the end-to-end tests'
 * builds copy the few they need flat, under prefixed names ({@code jar("broken-not-a-zip.jar")}).
 */
public final class TestJars {

    private TestJars() {}

    /**
     * The directory the build copied the JARs to: {@code test.jars.dir}, else {@code target/test-jars}.
     *
     * @return its absolute path
     */
    public static Path directory() {
        String property = System.getProperty("test.jars.dir");
        return Path.of(property == null || property.isBlank() ? "target/test-jars" : property).toAbsolutePath();
    }

    /**
     * A JAR in {@link #directory()}, e.g. {@code jar("flink-connector-jdbc.jar")}.
     *
     * @param fileName its path relative to the directory; {@code .jar} is added when missing
     * @return the JAR's path
     * @throws AssertionError if the build did not copy it there
     */
    public static Path jar(String fileName) {
        return existing(directory().resolve(jarName(fileName)));
    }

    /**
     * A sample connector, e.g. {@code sample("sample-sequence-source")}.
     *
     * @param name the JAR's name, with or without {@code .jar}
     * @return the JAR's path
     */
    public static Path sample(String name) {
        return jar(name);
    }

    /**
     * A deliberately broken JAR in {@code broken/}, e.g. {@code broken("system-exit")}.
     *
     * @param name the JAR's name, with or without {@code .jar}
     * @return the JAR's path
     */
    public static Path broken(String name) {
        return jar("broken/" + name);
    }

    /**
     * A JAR in {@code hostile/} whose factory attacks the machine that analyses it, e.g. {@code hostile("network")}.
     *
     * @param name the JAR's name, with or without {@code .jar}
     * @return the JAR's path
     */
    public static Path hostile(String name) {
        return jar("hostile/" + name);
    }

    /**
     * A real connector JAR from Maven Central in {@code central/}, e.g. {@code central("flink-json-1.20.3")}.
     *
     * @param name the JAR's name, with or without {@code .jar}
     * @return the JAR's path
     */
    public static Path central(String name) {
        return jar("central/" + name);
    }

    /**
     * Version 1 of the sample {@code sequence} source.
     *
     * @return {@code sample-sequence-source.jar}
     */
    public static Path sequenceV1() {
        return jar("sample-sequence-source.jar");
    }

    /**
     * Version 2 of the sample {@code sequence} source (a new option, a step).
     *
     * @return {@code sample-sequence-source-v2.jar}
     */
    public static Path sequenceV2() {
        return jar("sample-sequence-source-v2.jar");
    }

    /**
     * The sample {@code row-file} sink.
     *
     * @return {@code sample-row-file-sink.jar}
     */
    public static Path rowFileSink() {
        return jar("sample-row-file-sink.jar");
    }

    /**
     * The sample {@code psv} format.
     *
     * @return {@code sample-psv-format.jar}
     */
    public static Path psvFormat() {
        return jar("sample-psv-format.jar");
    }

    /**
     * The sample {@code seeded-memory} catalog.
     *
     * @return {@code sample-memory-catalog.jar}
     */
    public static Path memoryCatalog() {
        return jar("sample-memory-catalog.jar");
    }

    /**
     * Deterministic pseudo-random bytes; different seeds give different contents.
     *
     * @param size how many bytes
     * @param seed the seed of the generator
     * @return the bytes
     */
    public static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * Writes the bytes to {@code dir/name}, creating {@code dir} when needed.
     *
     * @param dir the directory
     * @param name the file's name
     * @param bytes its content
     * @return the file's path
     */
    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lower-case hex SHA-256 of the bytes.
     *
     * @param bytes the content
     * @return 64 hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The lower-case hex SHA-256 of a file.
     *
     * @param file the file
     * @return 64 hex digits
     */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jarName(String name) {
        return name.endsWith(".jar") ? name : name + ".jar";
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("Test JAR " + jar + " is missing: run the tests with Maven (mvn -B verify at"
                    + " the repository root), whose generate-test-resources phase copies it there.");
        }
        return jar;
    }
}
