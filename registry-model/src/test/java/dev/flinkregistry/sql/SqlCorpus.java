package dev.flinkregistry.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the realistic Flink SQL scripts under {@code src/test/resources/sql}. */
final class SqlCorpus {

    private SqlCorpus() {
    }

    static String read(String fileName) {
        try (InputStream in = SqlCorpus.class.getResourceAsStream("/sql/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no test script sql/" + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
