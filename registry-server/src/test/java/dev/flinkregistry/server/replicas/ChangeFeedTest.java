package dev.flinkregistry.server.replicas;

import static dev.flinkregistry.server.replicas.Replicas.besides;
import static dev.flinkregistry.server.replicas.Replicas.feedHealth;
import static dev.flinkregistry.server.replicas.Replicas.median;
import static dev.flinkregistry.server.replicas.Replicas.ms;
import static dev.flinkregistry.server.replicas.Replicas.staleness;
import static dev.flinkregistry.server.replicas.Replicas.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database, over real HTTP: what one commits, the other answers at
 * once, although its resolve cache would keep an answer for a minute, because the change feed
 * (LISTEN/NOTIFY) makes it forget. The time from A's answer to B's first answer that shows the change
 * is measured and printed.
 */
class ChangeFeedTest {

    private static final Duration LONG_TTL = Duration.ofSeconds(60);
    private static final Duration BOUND = Duration.ofSeconds(1);

    @TempDir
    static Path dir;
    private static FreshDatabase database;
    private static RunningRegistry a;
    private static RunningRegistry b;
    private static RegistryHttp atA;
    private static RegistryHttp atB;

    @BeforeAll
    static void startTwoReplicas() {
        database = new FreshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("registry.resolve.cache-ttl", LONG_TTL.toString());
        properties.put("registry.analysis.warm-workers", "0");
        a = RunningRegistry.start(dir.resolve("a"), properties);
        b = besides(a, dir.resolve("b"), properties);
        atA = a.http();
        atB = b.http().as(a.adminToken());
        for (RegistryHttp replica : List.of(atA, atB)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(feedHealth(replica).path("status").asString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyKindOfChangeOnOneReplicaIsAnsweredByTheOtherAtOnce() {
        assertThat(Replicas.resolvedVersion(atB, "sequence")).as("nothing registered yet, and B caches that").isZero();
        List<Long> stalenesses = new ArrayList<>();

        Answer registered = atA.register("sequence", TestJars.sequenceV1());
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        stalenesses.add(staleness(atB, "sequence", v -> v == 1, LONG_TTL.dividedBy(4)));

        Answer updated = atA.update("sequence", TestJars.sequenceV2());
        assertThat(updated.status()).as(updated.text()).isEqualTo(201);
        stalenesses.add(staleness(atB, "sequence", v -> v == 2, LONG_TTL.dividedBy(4)));

        // Rollbacks, back and forth: twenty changes with B polled in a tight loop after each.
        for (int i = 0; i < 20; i++) {
            int target = i % 2 == 0 ? 1 : 2;
            Answer moved = atA.putJson(RegistryHttp.DEFAULT + "/connectors/sequence/current",
                    Map.of("version", target, "force", true));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            stalenesses.add(staleness(atB, "sequence", v -> v == target, LONG_TTL.dividedBy(4)));
        }

        Answer deleted = atA.delete(RegistryHttp.DEFAULT + "/connectors/sequence");
        assertThat(deleted.status()).as(deleted.text()).isBetween(200, 204);
        stalenesses.add(staleness(atB, "sequence", v -> v == 0, LONG_TTL.dividedBy(4)));

        System.out.println("Staleness on replica B after a change committed on A (cache-ttl " + LONG_TTL.toSeconds()
                + " s; register, update, 20 rollbacks, delete): " + summary(stalenesses));
        assertThat(ms(median(stalenesses))).as("median staleness in ms").isLessThan(BOUND.toMillis());
        assertThat(feedHealth(atB).path("details").path("notificationsReceived").asLong()).isGreaterThanOrEqualTo(23);
    }

    @Test
    void aTokenRevokedOnOneReplicaStopsWorkingOnTheOtherAtOnce() {
        Answer created = atA.postJson("/api/v1/tokens", Map.of("name", "revoked-elsewhere", "workspace", "default",
                "role", "viewer"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        RegistryHttp holder = atB.as(created.json().path("token").asString());
        for (int i = 0; i < 3; i++) { // the first use records it as used; afterwards B remembers the check
            assertThat(holder.get(RegistryHttp.DEFAULT + "/connectors").status()).isEqualTo(200);
        }

        Answer revoked = atA.delete("/api/v1/tokens/" + created.json().path("details").path("id").asLong());
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = holder.get(RegistryHttp.DEFAULT + "/connectors").status();
        } while (status == 200 && System.nanoTime() < deadline);
        long took = System.nanoTime() - start;

        System.out.printf("A token revoked on replica A was refused by replica B after %.1f ms%n", ms(took));
        assertThat(status).isEqualTo(401);
        assertThat(ms(took)).as("ms until B refused the revoked token (B remembers checks for 5 s)")
                .isLessThan(BOUND.toMillis());
    }
}
