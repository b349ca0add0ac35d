package dev.flinkregistry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The real JARs the build copies to {@code target/test-jars} (system property {@code test.jars.dir}). */
final class TestJars {

    private TestJars() {}

    static Path jar(String fileName) {
        Path path = Path.of(System.getProperty("test.jars.dir", "target/test-jars"), fileName);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Test JAR " + path + " is missing: run the build (mvn verify) first");
        }
        return path;
    }

    static Path sequenceV1() {
        return jar("sample-sequence-source.jar");
    }

    static Path sequenceV2() {
        return jar("sample-sequence-source-v2.jar");
    }

    static Path rowFileSink() {
        return jar("sample-row-file-sink.jar");
    }

    static Path psvFormat() {
        return jar("sample-psv-format.jar");
    }

    static Path memoryCatalog() {
        return jar("sample-memory-catalog.jar");
    }

    static Path staticInitThrows() {
        return jar("broken-static-init-throws.jar");
    }

    static Path notAZip() {
        return jar("broken-not-a-zip.jar");
    }

    static Path kafka() {
        return jar("flink-sql-connector-kafka.jar");
    }

    static Path mysqlCdc() {
        return jar("flink-sql-connector-mysql-cdc.jar");
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
