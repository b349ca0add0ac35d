package dev.flinkregistry.samples.it;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** A batch Flink SQL session on a local mini cluster, for running statements in tests. */
final class FlinkSql {

    private final TableEnvironment tableEnv;

    private FlinkSql(int parallelism) {
        Configuration config = new Configuration();
        config.setString("parallelism.default", String.valueOf(parallelism));
        config.setString("rest.bind-port", "0");
        tableEnv =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inBatchMode()
                                .withConfiguration(config)
                                .build());
    }

    static FlinkSql withParallelism(int parallelism) {
        return new FlinkSql(parallelism);
    }

    static FlinkSql create() {
        return withParallelism(1);
    }

    TableEnvironment tableEnv() {
        return tableEnv;
    }

    /** Runs a DDL statement, or an INSERT to completion. */
    FlinkSql run(String statement) {
        try {
            tableEnv.executeSql(statement).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Statement failed: " + statement, e);
        }
        return this;
    }

    /** Runs a query and returns its rows in the order they arrive. */
    List<Row> query(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Runs a query and returns each row as its fields joined by commas, e.g. {@code "1,row-1"}. */
    List<String> queryLines(String query) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Row row : query(query)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.getArity(); i++) {
                line.append(i == 0 ? "" : ",").append(row.getField(i));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
