package dev.flinkregistry.e2e;

import dev.flinkregistry.client.job.JobJars;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * One Flink 1.20 SQL session in local execution (batch, parallelism 1) whose connector JARs are
 * added with {@code ADD JAR}. Each session has its own user class loader, as each job submission
 * has its own class path: a session on version 1 of a connector never sees version 2's classes.
 */
final class FlinkSession {

    private final TableEnvironment tableEnv;

    private FlinkSession(JobJars jars) {
        Configuration config = new Configuration();
        config.setString("parallelism.default", "1");
        config.setString("rest.bind-port", "0");
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("jobmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.host", "127.0.0.1");
        tableEnv = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().withConfiguration(config)
                .build());
        jars.addJarStatements().forEach(tableEnv::executeSql);
    }

    /** A new session with the job's JARs, added the way the SQL client would. */
    static FlinkSession withJars(JobJars jars) {
        return new FlinkSession(jars);
    }

    /** Runs each statement; an INSERT runs to completion. */
    FlinkSession run(String... statements) {
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
}
