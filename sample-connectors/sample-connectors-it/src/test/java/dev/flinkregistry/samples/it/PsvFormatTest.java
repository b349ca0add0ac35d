package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.FlinkSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

class PsvFormatTest {

    private static final String COLUMNS =
            "(id BIGINT, name STRING, small INT, even BOOLEAN, half DOUBLE)";

    @TempDir Path dir;

    private String psvTable(String name, Path path, String formatOptions) {
        return "CREATE TABLE "
                + name
                + " "
                + COLUMNS
                + " WITH ('connector' = 'filesystem', 'path' = '"
                + path.toUri()
                + "', 'format' = 'psv'"
                + formatOptions
                + ")";
    }

    @Test
    void filesystemConnectorWritesPipeSeparatedLinesAndReadsThemBack() throws Exception {
        Path out = dir.resolve("written");
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE numbers "
                                        + COLUMNS
                                        + " WITH ('connector' = 'sequence', 'number-of-rows' = '3',"
                                        + " 'name-prefix' = 'a|b ')")
                        .run(psvTable("files", out, ""))
                        .run("INSERT INTO files SELECT * FROM numbers");

        assertThat(linesOfAllFiles(out))
                .containsExactly(
                        "0|\"a|b 0\"|0|true|0.0",
                        "1|\"a|b 1\"|1|false|0.5",
                        "2|\"a|b 2\"|2|true|1.0");
        assertThat(sql.queryLines("SELECT * FROM files ORDER BY id"))
                .containsExactly("0,a|b 0,0,true,0.0", "1,a|b 1,1,false,0.5", "2,a|b 2,2,true,1.0");
    }

    @Test
    void readsAndWritesTheNullLiteral() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("data.psv"), "1;N;N;N;N\n2;two;2;true;1.0\n");
        Path out = dir.resolve("out");
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                psvTable(
                                        "source",
                                        in,
                                        ", 'psv.field-delimiter' = ';', 'psv.null-literal' = 'N'"))
                        .run(psvTable("copy", out, ", 'psv.null-literal' = 'NULL'"))
                        .run("INSERT INTO copy SELECT * FROM source");

        assertThat(sql.queryLines("SELECT * FROM source ORDER BY id"))
                .containsExactly("1,null,null,null,null", "2,two,2,true,1.0");
        assertThat(linesOfAllFiles(out))
                .containsExactlyInAnyOrder("1|NULL|NULL|NULL|NULL", "2|two|2|true|1.0");
    }

    @Test
    void failsTheJobOnALineThatDoesNotParse() throws Exception {
        Path in = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(
                in.resolve("data.psv"), "1|one|1|true|0.5\n2|two|not-a-number|false|1.0\n");
        FlinkSql sql = FlinkSql.create().run(psvTable("source", in, ""));

        assertThatThrownBy(() -> sql.query("SELECT * FROM source"))
                .hasStackTraceContaining(
                        "Cannot parse the psv line '2|two|not-a-number|false|1.0'");
    }

    @Test
    void skipsLinesThatDoNotParseWhenParseErrorsAreIgnored() throws Exception {
        Path in = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(
                in.resolve("data.psv"),
                "1|one|1|true|0.5\n"
                    + "2|two|not-a-number|false|1.0\n"
                    + "3|too|few\n"
                    + "4|four|4|maybe|2.0\n"
                    + "5|five|5|false|2.5\n");
        FlinkSql sql =
                FlinkSql.create()
                        .run(psvTable("source", in, ", 'psv.ignore-parse-errors' = 'true'"));

        assertThat(sql.queryLines("SELECT id, name FROM source ORDER BY id"))
                .containsExactly("1,one", "5,five");
    }

    @Test
    void rejectsColumnTypesItCannotRepresent() {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE t (id BIGINT, born DATE) WITH ('connector' ="
                                    + " 'filesystem', 'path' = '"
                                        + dir.toUri()
                                        + "', 'format' = 'psv')");

        assertThatThrownBy(() -> sql.query("SELECT * FROM t"))
                .hasStackTraceContaining("column 'born' is DATE");
    }

    private static java.util.List<String> linesOfAllFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .flatMap(PsvFormatTest::lines)
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
