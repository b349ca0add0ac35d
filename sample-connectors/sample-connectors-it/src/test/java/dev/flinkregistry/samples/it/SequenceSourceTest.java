package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.FlinkSql;
import org.junit.jupiter.api.Test;

class SequenceSourceTest {

    private static final String NUMBERS =
            "CREATE TABLE numbers (id BIGINT, name STRING, small_id INT, even BOOLEAN, half DOUBLE,"
                    + " born DATE) WITH ('connector' = 'sequence', 'number-of-rows' = '4'%s)";

    @Test
    void emitsRowsDerivedFromTheIdByColumnType() throws Exception {
        FlinkSql sql = FlinkSql.create().run(String.format(NUMBERS, ""));

        assertThat(sql.queryLines("SELECT * FROM numbers"))
                .containsExactly(
                        "0,row-0,0,true,0.0,null",
                        "1,row-1,1,false,0.5,null",
                        "2,row-2,2,true,1.0,null",
                        "3,row-3,3,false,1.5,null");
    }

    @Test
    void startsAtStartAndUsesTheNamePrefix() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run(String.format(NUMBERS, ", 'start' = '10', 'name-prefix' = 'n'"));

        assertThat(sql.queryLines("SELECT id, name FROM numbers"))
                .containsExactly("10,n10", "11,n11", "12,n12", "13,n13");
    }

    @Test
    void emitsEveryRowOnceWhenReadInParallel() throws Exception {
        FlinkSql sql =
                FlinkSql.withParallelism(2)
                        .run(
                                "CREATE TABLE many (id INT) WITH ('connector' = 'sequence',"
                                        + " 'number-of-rows' = '1000', 'scan.parallelism' = '2')");

        assertThat(
                        sql.queryLines(
                                "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM many"))
                .containsExactly("1000,1000,0,999");
    }

    @Test
    void lookupJoinFindsOnlyIdsThatBelongToTheSequence() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE orders (order_id BIGINT, pt AS PROCTIME()) WITH"
                                    + " ('connector' = 'sequence', 'number-of-rows' = '5', 'start'"
                                    + " = '3')")
                        .run(
                                "CREATE TABLE customers (id BIGINT, name STRING) WITH"
                                        + " ('connector' = 'sequence', 'number-of-rows' = '5',"
                                        + " 'name-prefix' = 'customer-')");

        assertThat(
                        sql.queryLines(
                                "SELECT o.order_id, c.name FROM orders AS o LEFT JOIN customers"
                                        + " FOR SYSTEM_TIME AS OF o.pt AS c ON o.order_id = c.id"))
                .containsExactly("3,customer-3", "4,customer-4", "5,null", "6,null", "7,null");
    }

    @Test
    void rejectsTableWithoutNumberOfRows() {
        FlinkSql sql =
                FlinkSql.create().run("CREATE TABLE t (id BIGINT) WITH ('connector' = 'sequence')");

        assertThatThrownBy(() -> sql.query("SELECT * FROM t"))
                .hasStackTraceContaining("Missing required options")
                .hasStackTraceContaining("number-of-rows");
    }

    @Test
    void firstVersionDoesNotKnowTheStepOption() {
        FlinkSql sql = FlinkSql.create().run(String.format(NUMBERS, ", 'step' = '2'"));

        assertThatThrownBy(() -> sql.query("SELECT * FROM numbers"))
                .hasStackTraceContaining("Unsupported options")
                .hasStackTraceContaining("step");
    }

    @Test
    void rejectsIdColumnThatIsNotAnInteger() {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE TABLE t (name STRING) WITH ('connector' = 'sequence',"
                                    + " 'number-of-rows' = '1')");

        assertThatThrownBy(() -> sql.query("SELECT * FROM t"))
                .hasStackTraceContaining("must be INT or BIGINT");
    }
}
