package dev.flinkregistry.server.replicas;

import static dev.flinkregistry.server.replicas.Replicas.besides;
import static dev.flinkregistry.server.replicas.Replicas.feedHealth;
import static dev.flinkregistry.server.replicas.Replicas.ms;
import static dev.flinkregistry.server.replicas.Replicas.staleness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A replica whose change listener loses its connection says so in its health, still serves nothing
 * older than its cache's time to live, connects again by itself, and then hears changes at once again.
 * The connection is killed with {@code pg_terminate_backend}, and new connections to the database are
 * refused meanwhile ({@code allow_connections false}) so that the lost state lasts long enough to see.
 */
class ChangeFeedFailureTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aReplicaThatLostItsListenerFallsBackToTheCacheTtlAndReconnects() throws Exception {
        try (FreshDatabase database = new FreshDatabase()) {
            Map<String, Object> properties = database.properties();
            properties.put("registry.resolve.cache-ttl", TTL.toString());
            properties.put("registry.analysis.warm-workers", "0");
            properties.put("registry.changes.max-reconnect-delay", "500ms");
            try (RunningRegistry a = RunningRegistry.start(dir.resolve("a"), properties);
                 RunningRegistry b = besides(a, dir.resolve("b"), properties)) {
                RegistryHttp atA = a.http();
                RegistryHttp atB = b.http().as(a.adminToken());
                await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status(atB)));
                assertThat(atA.register("sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
                assertThat(atA.update("sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
                staleness(atB, "sequence", v -> v == 2, Duration.ofSeconds(5));

                try (Connection admin = database.connect()) {
                    database.allowConnections(false);
                    String replica = feedHealth(atB).path("details").path("replica").asString();
                    assertThat(terminateListener(admin, replica)).as("B's listener connection was found").isEqualTo(1);

                    await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(status(atB)));
                    JsonNode down = feedHealth(atB).path("details");
                    assertThat(down.path("connected").asBoolean()).isFalse();
                    assertThat(down.path("lostAt").asString()).isNotEmpty();

                    // Without the feed, B still never answers older than its time to live.
                    rollBack(atA, 1);
                    long fallback = staleness(atB, "sequence", v -> v == 1, TTL.plusSeconds(2));
                    System.out.printf("Listener down: replica B showed A's change after %.1f ms (cache-ttl %d s)%n",
                            ms(fallback), TTL.toSeconds());
                    assertThat(ms(fallback)).isLessThan(TTL.toMillis() + 1_000);
                    assertThat(status(atB)).as("still disconnected while connections are refused").isEqualTo("DOWN");
                } finally {
                    database.allowConnections(true);
                }

                await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(status(atB)));
                long heardBefore = feedHealth(atB).path("details").path("notificationsReceived").asLong();
                rollBack(atA, 2);
                long resumed = staleness(atB, "sequence", v -> v == 2, TTL.plusSeconds(2));
                System.out.printf("Listener reconnected: replica B showed A's change after %.1f ms%n", ms(resumed));
                assertThat(ms(resumed)).isLessThan(1_000);
                await().atMost(Duration.ofSeconds(2)).until(() ->
                        feedHealth(atB).path("details").path("notificationsReceived").asLong() > heardBefore);
            }
        }
    }

    private static String status(RegistryHttp admin) {
        return feedHealth(admin).path("status").asString();
    }

    private static void rollBack(RegistryHttp http, int version) {
        Answer moved = http.putJson(RegistryHttp.DEFAULT + "/connectors/sequence/current",
                Map.of("version", version, "force", true));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    }

    private static int terminateListener(Connection admin, String replica) throws Exception {
        try (PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity "
                + "where application_name = ? and datname = current_database()")) {
            kill.setString(1, "fcr-change-listener " + replica);
            int killed = 0;
            try (ResultSet rows = kill.executeQuery()) {
                while (rows.next()) {
                    killed += rows.getBoolean(1) ? 1 : 0;
                }
            }
            return killed;
        }
    }
}
