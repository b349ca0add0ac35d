package dev.flinkregistry.server.replicas;

import static dev.flinkregistry.server.replicas.Replicas.feedHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestStores;
import dev.flinkregistry.testsupport.TestJars;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas on one PostgreSQL database and one bucket (S3Proxy), over real HTTP: a JAR registered
 * on A is copied by B into its own cache as soon as the change feed tells it, before any job asks B
 * for it; C, with {@code registry.storage.s3.prefetch=false}, copies nothing until asked. The time from
 * A's 201 to B's copy is printed. A fourth replica that starts later copies the current versions' JARs,
 * and, started again after its copy changed on disk, replaces that copy.
 */
class ReplicaPrefetchTest {

    @TempDir
    static Path dir;
    private static FreshDatabase database;
    private static RunningRegistry a;
    private static RunningRegistry b;
    private static RunningRegistry c;
    private static Map<String, Object> properties;

    @BeforeAll
    static void startThreeReplicas() {
        database = new FreshDatabase();
        properties = TestStores.s3(database.properties());
        properties.put("registry.analysis.warm-workers", "0");
        a = RunningRegistry.start(dir.resolve("a"), properties);
        b = RunningRegistry.start(dir.resolve("b"), properties);
        Map<String, Object> withoutPrefetch = new java.util.HashMap<>(properties);
        withoutPrefetch.put("registry.storage.s3.prefetch", "false");
        c = RunningRegistry.start(dir.resolve("c"), withoutPrefetch);
        for (RunningRegistry replica : List.of(a, b, c)) {
            RegistryHttp http = replica.http().as(a.adminToken());
            await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(feedHealth(http).path("status").asString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningRegistry replica : new RunningRegistry[] {c, b, a}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aJarRegisteredOnOneReplicaIsCopiedByTheOthersBeforeAnyoneAsksThem() throws Exception {
        double copiedByB = metric(b, "registry.storage.prefetch", "outcome", "copied");
        double heardByC = metric(c, "registry.changes.notifications.received");
        Path jar = TestJars.rowFileSink();
        byte[] bytes = Files.readAllBytes(jar);
        Answer registered = a.http().register("row-file", jar);
        long committed = System.nanoTime();
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String sha256 = registered.json().path("version").path("sha256").asString();
        assertThat(sha256).isEqualTo(TestJars.sha256(bytes));
        Path atB = b.dataDir().resolve("cache").resolve(sha256 + ".jar");
        Path atC = c.dataDir().resolve("cache").resolve(sha256 + ".jar");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(atB));
        System.out.printf("Replica B kept a copy of the JAR registered on A %.0f ms after A's 201%n",
                (System.nanoTime() - committed) / 1e6);
        assertThat(Files.readAllBytes(atB)).isEqualTo(bytes);
        // Nobody asked B for it: B's copy is its prefetch's (often made before A's answer reached the client).
        await().atMost(Duration.ofSeconds(10)).until(
                () -> metric(b, "registry.storage.prefetch", "outcome", "copied") == copiedByB + 1);
        assertThat(b.http().as(a.adminToken()).get("/actuator/prometheus").text())
                .containsPattern("registry_storage_prefetch_total\\{[^}]*outcome=\"copied\"[^}]*} [1-9]");

        // C heard the same notification and, with prefetch off, copies nothing until a job asks it.
        await().atMost(Duration.ofSeconds(10)).until(
                () -> metric(c, "registry.changes.notifications.received") > heardByC);
        assertThat(atC).doesNotExist();
        assertThat(metric(c, "registry.storage.prefetch", "outcome", "copied")).isZero();
        Answer fromC = c.http().as(a.adminToken()).get(RegistryHttp.DEFAULT + "/jars/" + sha256);
        assertThat(fromC.status()).isEqualTo(200);
        assertThat(fromC.bytes()).isEqualTo(bytes);
        // A download keeps a copy as it goes by, once the server closed the store's stream after the last byte.
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(atC));

        Answer fromB = b.http().as(a.adminToken()).get(RegistryHttp.DEFAULT + "/jars/" + sha256);
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromB.bytes()).isEqualTo(bytes);
        assertThat(a.dataDir().resolve("cache").resolve(sha256 + ".jar")).as("A kept what it received").exists();
    }

    /** A counter of the replica's meter registry (what /actuator/prometheus shows); it must be there. */
    private static double metric(RunningRegistry replica, String name, String... tags) {
        Counter counter = replica.bean(MeterRegistry.class).find(name).tags(tags).counter();
        assertThat(counter).as(name + " " + String.join("=", tags)).isNotNull();
        return counter.count();
    }

    @Test
    void aReplicaThatStartsCopiesTheCurrentVersionsJarsAndNotTheOlderOnes() throws Exception {
        Answer first = a.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        Answer second = a.http().update("sequence", TestJars.sequenceV2());
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        String older = first.json().path("version").path("sha256").asString();
        String current = second.json().path("version").path("sha256").asString();

        Path copy = dir.resolve("d").resolve("cache").resolve(current + ".jar");
        try (RunningRegistry d = RunningRegistry.start(dir.resolve("d"), properties)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(copy));
            assertThat(TestJars.sha256(Files.readAllBytes(copy))).isEqualTo(current);
            assertThat(d.dataDir().resolve("cache").resolve(older + ".jar")).as("not a current version").doesNotExist();
        }

        // Its copy changes while it is down (a disk fault): the next start deletes it and copies it again.
        byte[] changed = Files.readAllBytes(copy);
        changed[changed.length / 2] ^= 1;
        Files.write(copy, changed);
        try (RunningRegistry d = RunningRegistry.start(dir.resolve("d"), properties)) {
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> Files.exists(copy) && TestJars.sha256(Files.readAllBytes(copy)).equals(current));
            Answer served = d.http().as(a.adminToken()).get(RegistryHttp.DEFAULT + "/jars/" + current);
            assertThat(served.status()).isEqualTo(200);
            assertThat(TestJars.sha256(served.bytes())).isEqualTo(current);

            // A rollback on A to a version registered an hour ago, long before any pass's window: D
            // never copied it and nobody downloads it from D, so only D's prefetch can copy it, when
            // the feed tells D the connector changed.
            Path olderCopy = d.dataDir().resolve("cache").resolve(older + ".jar");
            assertThat(olderCopy).doesNotExist();
            try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
                assertThat(sql.executeUpdate("update connector_version set created_at = created_at - interval '1 hour' "
                        + "where sha256 = '" + older + "'")).isEqualTo(1);
            }
            double copiedByD = metric(d, "registry.storage.prefetch", "outcome", "copied");
            Answer rollback = a.http().putJson(RegistryHttp.DEFAULT + "/connectors/sequence/current",
                    Map.of("version", 1, "force", true));
            assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(olderCopy));
            assertThat(TestJars.sha256(Files.readAllBytes(olderCopy))).isEqualTo(older);
            // Counted just after the copy is in place (the start's copies of other connectors may count too).
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> metric(d, "registry.storage.prefetch", "outcome", "copied") > copiedByD);
        }
    }
}
