package dev.flinkregistry.server.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas starting at the same moment on a new PostgreSQL database: Flyway's advisory lock lets one
 * of them migrate while the others wait, so each migration runs exactly once and all start; and the
 * first start's administrator token is created exactly once, by one of them.
 */
class ConcurrentStartTest {

    @TempDir
    Path dir;

    @Test
    void threeReplicasStartingAtOnceMigrateOnceAndCreateOneBootstrapToken() throws Exception {
        try (FreshDatabase database = new FreshDatabase()) {
            List<RunningRegistry> replicas = startAtOnce(database, 3);
            try {
                for (RunningRegistry replica : replicas) {
                    assertThat(replica.http().get("/actuator/health/readiness").status()).isEqualTo(200);
                }
                Map<String, Integer> runs = new HashMap<>();
                try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery(
                             "select version, success from flyway_schema_history where version is not null")) {
                    while (rows.next()) {
                        assertThat(rows.getBoolean("success")).isTrue();
                        runs.merge(rows.getString("version"), 1, Integer::sum);
                    }
                }
                System.out.println("Three replicas started at once; migrations recorded: " + runs);
                assertThat(runs).containsKeys("1", "2", "3", "4", "5");
                assertThat(runs.values()).as("runs per migration").allMatch(n -> n == 1);

                assertThat(count(database, "select count(*) from api_token")).isEqualTo(1);
                List<String> tokens = replicas.stream().map(RunningRegistry::adminToken)
                        .filter(t -> t != null).toList();
                assertThat(tokens).as("replicas that wrote an initial-admin-token file").hasSize(1);
                for (RunningRegistry replica : replicas) {
                    assertThat(replica.http().as(tokens.get(0)).get("/api/v1/tokens").status()).isEqualTo(200);
                }
            } finally {
                replicas.forEach(RunningRegistry::close);
            }
        }
    }

    /** The race made certain: another replica's insert of the token is still uncommitted when this one tries. */
    @Test
    void aReplicaThatLosesTheRaceForTheBootstrapTokenStartsWithoutOne() throws Exception {
        try (FreshDatabase database = new FreshDatabase()) {
            Map<String, Object> properties = database.properties();
            properties.put("registry.auth.bootstrap-token", "false");
            properties.put("registry.analysis.warm-workers", "0");
            RunningRegistry.start(dir.resolve("migrate"), properties).close(); // the schema, and no token yet

            try (Connection rival = database.connect(); Statement sql = rival.createStatement()) {
                rival.setAutoCommit(false);
                sql.execute("insert into api_token (name, secret_hash, hint, role, created_by, created_at, expires_at) "
                        + "values ('initial-admin', repeat('0', 64), 'rival', 'platform-admin', 'registry', now(), "
                        + "now() + interval '1 day')");
                ExecutorService starter = Executors.newSingleThreadExecutor();
                try {
                    Map<String, Object> bootstrapping = database.properties();
                    bootstrapping.put("registry.analysis.warm-workers", "0");
                    Future<RunningRegistry> starting = starter.submit(() ->
                            RunningRegistry.start(dir.resolve("loser"), bootstrapping));
                    // It waits on the rival's uncommitted row of the same (unique) name.
                    await().atMost(Duration.ofSeconds(60)).until(() -> count(database,
                            "select count(*) from pg_stat_activity where datname = current_database() "
                                    + "and wait_event_type = 'Lock'") > 0);
                    rival.commit();
                    try (RunningRegistry loser = starting.get(60, TimeUnit.SECONDS)) {
                        assertThat(loser.http().get("/actuator/health/readiness").status()).isEqualTo(200);
                        assertThat(loser.adminToken()).as("no token file on the replica that lost").isNull();
                        assertThat(Files.exists(loser.dataDir().resolve("initial-admin-token"))).isFalse();
                    }
                } finally {
                    starter.shutdownNow();
                }
            }
            assertThat(count(database, "select count(*) from api_token")).isEqualTo(1);
        }
    }

    private List<RunningRegistry> startAtOnce(FreshDatabase database, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<RunningRegistry>> starting = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Map<String, Object> properties = database.properties();
                properties.put("registry.analysis.warm-workers", "0");
                Path dataDir = dir.resolve("replica-" + i);
                starting.add(pool.submit(() -> {
                    gate.await();
                    return RunningRegistry.start(dataDir, properties);
                }));
            }
            gate.countDown();
            List<RunningRegistry> started = new ArrayList<>();
            for (Future<RunningRegistry> future : starting) {
                started.add(future.get(3, TimeUnit.MINUTES));
            }
            return started;
        } finally {
            pool.shutdown();
        }
    }

    private static long count(FreshDatabase database, String query) throws Exception {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
