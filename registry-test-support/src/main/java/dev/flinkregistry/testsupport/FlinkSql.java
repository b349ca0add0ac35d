package dev.flinkregistry.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A batch Flink SQL session in local execution (a mini cluster bound to the loopback interface),
 * for running statements in tests. Each session has its own user class loader, as each job
 * submission has its own class path: JARs added with {@code ADD JAR} in one session are not seen by
 * another.
 *
 * <p>This module declares Flink {@code provided}: a module that uses this class brings Flink's table
 * planner and runtime on its own test class path, in the version it tests against (Flink 1.20).
 */
public final class FlinkSql {

    private final TableEnvironment tableEnv;

    private FlinkSql(int parallelism) {
        Configuration config = new Configuration();
        config.setString("parallelism.default", String.valueOf(parallelism));
        // Nothing of a test's cluster listens beyond this machine, and the ports are any free ones.
        config.setString("rest.bind-port", "0");
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("jobmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.host", "127.0.0.1");
        tableEnv = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().withConfiguration(config)
                .build());
    }

    /**
     * A new session whose jobs run with the given parallelism.
     *
     * @param parallelism {@code parallelism.default}
     * @return the session
     */
    public static FlinkSql withParallelism(int parallelism) {
        return new FlinkSql(parallelism);
    }

    /**
     * A new session whose jobs run with parallelism 1.
     *
     * @return the session
     */
    public static FlinkSql create() {
        return withParallelism(1);
    }

    /**
     * The session's table environment, for what SQL cannot reach (e.g. a catalog's objects).
     *
     * @return the table environment
     */
    public TableEnvironment tableEnv() {
        return tableEnv;
    }

    /**
     * Runs each statement in order: DDL, {@code ADD JAR}, or an {@code INSERT}, which runs to completion.
     *
     * @param statements the statements, without a trailing semicolon
     * @return this session
     * @throws IllegalStateException if a statement fails, with Flink's exception as its cause
     */
    public FlinkSql run(String... statements) {
        return run(List.of(statements));
    }

    /**
     * Runs each statement in order, e.g. the {@code ADD JAR} statements of a job's JARs.
     *
     * @param statements the statements, without a trailing semicolon
     * @return this session
     * @throws IllegalStateException if a statement fails, with Flink's exception as its cause
     */
    public FlinkSql run(List<String> statements) {
        for (String statement : statements) {
            try {
                tableEnv.executeSql(statement).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Statement failed: " + statement, e);
            }
        }
        return this;
    }

    /**
     * Runs a query and returns its rows in the order they arrive.
     *
     * @param query the query
     * @return its rows
     * @throws Exception whatever Flink throws when planning or running it
     */
    public List<Row> query(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /**
     * Runs a query and returns each row as its fields joined by commas, e.g. {@code "1,row-1"}.
     *
     * @param query the query
     * @return one line per row
     * @throws Exception whatever Flink throws when planning or running it
     */
    public List<String> queryLines(String query) throws Exception {
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
