package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.FlinkSql;
import org.junit.jupiter.api.Test;

/** Runs in its own surefire execution, with version 2 of the sequence source on the classpath. */
class SequenceStepTest {

    @Test
    void secondVersionSpacesIdsByStep() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE evens (id BIGINT, name STRING) WITH ('connector' ="
                                    + " 'sequence', 'number-of-rows' = '4', 'start' = '10', 'step'"
                                    + " = '5')");

        assertThat(sql.queryLines("SELECT * FROM evens"))
                .containsExactly("10,row-10", "15,row-15", "20,row-20", "25,row-25");
    }

    @Test
    void secondVersionLooksUpOnlyIdsOnTheStep() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE probes (id BIGINT, pt AS PROCTIME()) WITH"
                                        + " ('connector' = 'sequence', 'number-of-rows' = '7')")
                        .run(
                                "CREATE TABLE evens (id BIGINT, name STRING) WITH ('connector' ="
                                    + " 'sequence', 'number-of-rows' = '3', 'step' = '2',"
                                    + " 'name-prefix' = 'even-')");

        assertThat(
                        sql.queryLines(
                                "SELECT p.id, e.name FROM probes AS p JOIN evens FOR SYSTEM_TIME AS"
                                    + " OF p.pt AS e ON p.id = e.id"))
                .containsExactly("0,even-0", "2,even-2", "4,even-4");
    }

    @Test
    void secondVersionRejectsStepThatIsNotPositive() {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE t (id BIGINT) WITH ('connector' = 'sequence',"
                                        + " 'number-of-rows' = '3', 'step' = '0')");

        assertThatThrownBy(() -> sql.query("SELECT * FROM t"))
                .hasStackTraceContaining("'step' must be positive");
    }
}
