package dev.flinkregistry.server.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real JARs the build copies to {@code target/test-jars} (system property {@code test.jars.dir}). */
public final class TestJars {

    private TestJars() {}

    public static Path jar(String fileName) {
        Path path = Path.of(System.getProperty("test.jars.dir", "target/test-jars"), fileName);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Test JAR " + path + " is missing: run the build (mvn verify) first");
        }
        return path;
    }

    public static Path sequenceV1() {
        return jar("sample-sequence-source.jar");
    }

    public static Path sequenceV2() {
        return jar("sample-sequence-source-v2.jar");
    }

    public static Path rowFileSink() {
        return jar("sample-row-file-sink.jar");
    }

    public static Path psvFormat() {
        return jar("sample-psv-format.jar");
    }

    public static Path memoryCatalog() {
        return jar("sample-memory-catalog.jar");
    }
}
