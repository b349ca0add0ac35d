package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.FlinkSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class RowFileSinkTest {

    @TempDir Path dir;

    private FlinkSql sqlWithPeople(int rows) {
        return FlinkSql.create()
                .run(
                        "CREATE TABLE people (id BIGINT, name STRING, active BOOLEAN, score DOUBLE)"
                                + " WITH ('connector' = 'sequence', 'number-of-rows' = '"
                                + rows
                                + "', 'name-prefix' = 'person-')");
    }

    private String sinkTable(String name, Path file, String extraOptions) {
        return "CREATE TABLE "
                + name
                + " (id BIGINT, name STRING, active BOOLEAN, score DOUBLE) WITH ('connector' ="
                + " 'row-file', 'path' = '"
                + file
                + "'"
                + extraOptions
                + ")";
    }

    @Test
    void writesEachRowAsOneCommaSeparatedLine() throws Exception {
        Path file = dir.resolve("out/people.txt");

        sqlWithPeople(3)
                .run(sinkTable("sink", file, ""))
                .run("INSERT INTO sink SELECT * FROM people");

        assertThat(Files.readString(file))
                .isEqualTo("0,person-0,true,0.0\n1,person-1,false,0.5\n2,person-2,true,1.0\n");
    }

    @Test
    void writesNullAsAnEmptyField() throws Exception {
        Path file = dir.resolve("nulls.txt");

        sqlWithPeople(2)
                .run(sinkTable("sink", file, ""))
                .run(
                        "INSERT INTO sink SELECT id, CAST(NULL AS STRING), active, CAST(NULL AS"
                            + " DOUBLE) FROM people");

        assertThat(Files.readAllLines(file)).containsExactly("0,,true,", "1,,false,");
    }

    @Test
    void honoursFallbackKeyDelimiter() throws Exception {
        Path file = dir.resolve("fallback.txt");

        sqlWithPeople(2)
                .run(sinkTable("sink", file, ", 'delimiter' = ';'"))
                .run("INSERT INTO sink SELECT * FROM people");

        assertThat(Files.readAllLines(file))
                .containsExactly("0;person-0;true;0.0", "1;person-1;false;0.5");
    }

    @Test
    void honoursDeprecatedKeySeparator() throws Exception {
        Path file = dir.resolve("deprecated.txt");

        sqlWithPeople(2)
                .run(sinkTable("sink", file, ", 'separator' = '|'"))
                .run("INSERT INTO sink SELECT * FROM people");

        assertThat(Files.readAllLines(file))
                .containsExactly("0|person-0|true|0.0", "1|person-1|false|0.5");
    }

    @Test
    void appendsWithWindowsLineEndingsWhenAsked() throws Exception {
        Path file = dir.resolve("append.txt");
        Files.writeString(file, "existing\r\n");

        sqlWithPeople(2)
                .run(
                        sinkTable(
                                "sink",
                                file,
                                ", 'field-delimiter' = ' | ', 'line-ending' = 'CRLF', 'append' ="
                                    + " 'true', 'sink.flush-interval' = '100 ms',"
                                    + " 'sink.buffer-size' = '1kb'"))
                .run("INSERT INTO sink SELECT * FROM people");

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .isEqualTo(
                        "existing\r\n0 | person-0 | true | 0.0\r\n1 | person-1 | false | 0.5\r\n");
    }

    @Test
    void replacesAnExistingFileByDefault() throws Exception {
        Path file = dir.resolve("replace.txt");
        Files.writeString(file, "old content that is longer than the new one\n");

        sqlWithPeople(1)
                .run(sinkTable("sink", file, ""))
                .run("INSERT INTO sink SELECT * FROM people");

        assertThat(Files.readString(file)).isEqualTo("0,person-0,true,0.0\n");
    }

    @Test
    void rejectsUnknownLineEnding() {
        FlinkSql sql =
                sqlWithPeople(1)
                        .run(sinkTable("sink", dir.resolve("x.txt"), ", 'line-ending' = 'CR'"));

        assertThatThrownBy(() -> sql.run("INSERT INTO sink SELECT * FROM people"))
                .hasStackTraceContaining("line-ending");
    }

    @Test
    void rejectsTableWithoutPath() {
        FlinkSql sql =
                sqlWithPeople(1)
                        .run(
                                "CREATE TABLE sink (id BIGINT, name STRING, active BOOLEAN, score"
                                    + " DOUBLE) WITH ('connector' = 'row-file')");

        assertThatThrownBy(() -> sql.run("INSERT INTO sink SELECT * FROM people"))
                .hasStackTraceContaining("Missing required options")
                .hasStackTraceContaining("path");
    }
}
