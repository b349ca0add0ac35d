package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape on one machine ({@link ReplicaSet}): three packaged server processes on one
 * PostgreSQL database and one S3-compatible bucket (S3Proxy), behind HAProxy (Debian's package;
 * round robin, readiness checks every 250 ms). Clients talk to HAProxy unless a test needs one replica.
 * <ol>
 *   <li>20 concurrent registrations of one identifier (20 connector names, one JAR), spread over
 *       the replicas: exactly one 201, 19 × 409, one connector.</li>
 *   <li>An update on replica A is resolved on replica B within the bound (the change feed; the
 *       resolve cache's TTL is a minute here, so only a notification explains a fast answer).</li>
 *   <li>{@code kill -9} of a replica in the middle of a 64 MB upload: no version, and after
 *       collection no object and no unfinished multipart upload in the bucket but the registered ones.</li>
 *   <li>A rolling restart of all three while a client prepares a job (resolve, download, verify)
 *       in a loop: not one job submission fails.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeReplicasTest {

    private static final List<String> NAMES = List.of("r1", "r2", "r3");
    private static final String JOB = """
            CREATE TABLE numbers (n BIGINT) WITH ('connector' = 'sequence', 'rows' = '10');
            CREATE TABLE sink (n BIGINT) WITH ('connector' = 'row-file', 'path' = '/tmp/out');
            INSERT INTO sink SELECT n FROM numbers;
            """;

    @TempDir
    static Path temp;

    private ReplicaSet set;
    private Haproxy haproxy;
    private String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startReplicas() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("registry.storage.blob-grace-period", "2s");
        settings.put("registry.resolve.cache-ttl", "60s");
        settings.put("registry.shutdown.drain-delay", "1s");
        settings.put("registry.analysis.timeout", "120s");
        set = ReplicaSet.start(temp, NAMES, settings);
        haproxy = set.haproxy();
        token = set.adminToken();
    }

    @AfterAll
    void stopAll() throws Exception {
        if (set != null) {
            set.close();
        }
    }

    @Test
    @Order(1)
    void twentyConcurrentRegistrationsOfOneIdentifierOverThreeReplicasMakeExactlyOne() throws Exception {
        String workspace = newWorkspace("race");
        Map<String, Long> before = sentPerReplica();
        byte[] jar = Files.readAllBytes(TestJars.sequenceV1());
        CyclicBarrier together = new CyclicBarrier(20);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String name = "seq-" + i;
                answers.add(clients.submit(() -> {
                    together.await(1, TimeUnit.MINUTES);
                    return send(HttpRequest.newBuilder(URI.create(haproxy.baseUrl() + "/api/v1/workspaces/"
                            + workspace + "/connectors?name=" + name)).header("Content-Type", "application/java-archive")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(5, TimeUnit.MINUTES);
                statuses.add(response.statusCode());
                if (response.statusCode() != 201) {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                    assertThat(response.body()).contains("IDENTIFIER_ALREADY_REGISTERED");
                }
            }
            assertThat(Collections.frequency(statuses, 201)).as(statuses.toString()).isEqualTo(1);
            assertThat(Collections.frequency(statuses, 409)).as(statuses.toString()).isEqualTo(19);
        } finally {
            clients.shutdownNow();
        }
        Map<String, Long> after = sentPerReplica();
        for (String name : NAMES) {
            assertThat(after.get(name) - before.get(name)).as("requests HAProxy sent to " + name).isPositive();
        }
        String listed = get(haproxy.baseUrl(), "/api/v1/workspaces/" + workspace + "/connectors").body();
        assertThat(listed.split("\"name\":\"seq-", -1).length - 1).as(listed).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anUpdateOnOneReplicaIsResolvedOnAnotherWithinASecond() throws Exception {
        String workspace = newWorkspace("feed");
        String a = set.replica("r1").baseUrl();
        String b = set.replica("r2").baseUrl();
        assertThat(postJar(a, workspace, "connectors?name=sequence", TestJars.sequenceV1()).statusCode()).isEqualTo(201);
        String resolve = "/api/v1/workspaces/" + workspace + "/resolve";
        String query = "{\"identifiers\":[{\"family\":\"table-connector\",\"identifier\":\"sequence\"}]}";
        Await.until("replica B resolves version 1", Duration.ofSeconds(30),
                () -> post(b, resolve, query).body().contains("\"version\":1"));
        // B has cached version 1 for a minute now; only A's notification can make it answer version 2 sooner.
        HttpResponse<String> updated = postJar(a, workspace, "connectors/sequence/versions", TestJars.sequenceV2());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(201);
        long committed = System.nanoTime();
        Await.until("replica B resolves version 2", Duration.ofSeconds(10),
                () -> post(b, resolve, query).body().contains("\"version\":2"));
        double millis = (System.nanoTime() - committed) / 1e6;
        System.out.printf(Locale.ROOT, "An update on replica A was resolved on replica B after %.1f ms "
                + "(resolve cache TTL 60 s)%n", millis);
        assertThat(millis).isLessThan(1000);
    }

    @Test
    @Order(3)
    void aReplicaKilledInTheMiddleOfAnUploadLeavesNoVersionAndNoOrphanObject() throws Exception {
        String workspace = newWorkspace("killed");
        Path big = PaddedJar.write(TestJars.sequenceV1(), temp.resolve("big.jar"), 64L << 20, 7);
        RegistryServerProcess victim = set.replica("r3");
        AtomicLong sent = new AtomicLong();
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            Await.until("half the JAR sent", Duration.ofMinutes(2), () -> sent.get() >= (32L << 20));
            victim.kill();
            killed.set(true);
        });
        killer.start();
        try {
            send(HttpRequest.newBuilder(URI.create(victim.baseUrl() + "/api/v1/workspaces/" + workspace
                    + "/connectors?name=big")).header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(big, sent, killed))));
        } catch (IOException cut) {
            // The replica died mid-request: the connection was cut, as expected.
        }
        killer.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(killed).isTrue();
        haproxy.awaitInRotation("r3", false);

        HttpResponse<String> connectors = get(haproxy.baseUrl(), "/api/v1/workspaces/" + workspace + "/connectors");
        assertThat(connectors.body()).as("no partial version").doesNotContain("\"big\"");
        Thread.sleep(2_500);  // older than the 2 s grace period
        HttpResponse<String> collected = post(set.replica("r1").baseUrl(), "/api/v1/admin/collect", "{}");
        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(200);
        assertThat(objectsInBucket()).as("objects left in the bucket").isEqualTo(referencedDigests());
        assertThat(unfinishedUploads()).as("unfinished multipart uploads").isZero();

        set.launch("r3");
        haproxy.awaitInRotation("r3", true);
    }

    @Test
    @Order(4)
    void aRollingRestartOfAllThreeFailsNoJobSubmission() throws Exception {
        String workspace = newWorkspace("rolling");
        HttpRegistryClient admin = client(workspace, temp.resolve("admin-cache"));
        admin.register("sequence", TestJars.sequenceV1());
        admin.register("sink", TestJars.rowFileSink());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread jobs = new Thread(() -> {
            int round = 0;
            while (running.get()) {
                // A new cache each time: every submission resolves, downloads and verifies both JARs.
                try (HttpRegistryClient client = client(workspace, temp.resolve("cache-" + round++))) {
                    JobJars jars = new JobSubmission(client, "1.20").prepare(JOB);
                    if (jars.jars().size() != 2) {
                        failures.add("round " + round + ": " + jars.jars().size() + " JARs");
                    } else {
                        succeeded.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add("round " + round + ": " + e);
                }
            }
        }, "job-submissions");
        jobs.start();
        try {
            for (String name : NAMES) {
                int before = succeeded.get();
                set.replica(name).close();
                set.launch(name);
                haproxy.awaitInRotation(name, true);
                Await.until("jobs submitted after " + name + " restarted", Duration.ofMinutes(1),
                        () -> succeeded.get() > before + 3);
            }
        } finally {
            running.set(false);
            jobs.join(TimeUnit.MINUTES.toMillis(2));
        }
        System.out.printf(Locale.ROOT, "Rolling restart of 3 replicas: %d job submissions succeeded, %d failed%n",
                succeeded.get(), failures.size());
        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isGreaterThan(9);
    }

    private HttpRegistryClient client(String workspace, Path cache) {
        return RegistryClient.builder().server(haproxy.baseUrl()).workspace(workspace).cacheDirectory(cache)
                .token(token).requestTimeout(Duration.ofMinutes(2)).build();
    }

    private String newWorkspace(String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post(haproxy.baseUrl(), "/api/v1/workspaces",
                "{\"name\":\"" + name + "\",\"flinkVersion\":\"1.20\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private Map<String, Long> sentPerReplica() {
        Map<String, Long> sent = new LinkedHashMap<>();
        NAMES.forEach(name -> sent.put(name, haproxy.requestsSentTo(name)));
        return sent;
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> post(String base, String path, String json) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postJar(String base, String workspace, String path, Path jar) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/" + workspace + "/" + path))
                .header("Content-Type", "application/java-archive").POST(HttpRequest.BodyPublishers.ofFile(jar)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The file's bytes, counted in {@code sent}; past half of them it sends nothing more until the
     * replica is dead, so the kill always lands in the middle of the upload, however fast this machine.
     */
    private static InputStream counting(Path file, AtomicLong sent, AtomicBoolean killed) {
        long half;
        try {
            half = Files.size(file) / 2;
            return new java.io.FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (sent.get() >= half) {
                        Await.until("the replica killed", Duration.ofMinutes(2), killed::get);
                    }
                    long beforeHalf = half - sent.get();
                    int chunk = (int) Math.min(len, beforeHalf > 0 ? Math.min(beforeHalf, 256 * 1024) : 256 * 1024);
                    int read = super.read(b, off, chunk);
                    if (read > 0) {
                        sent.addAndGet(read);
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The digests of the objects in the bucket (S3Proxy keeps them as files). */
    private List<String> objectsInBucket() throws IOException {
        Path blobs = S3Server.shared().objectFile(set.bucket(), "blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** The digests every version in the database references. */
    private List<String> referencedDigests() throws Exception {
        try (Connection db = DriverManager.getConnection(ReplicaSet.POSTGRES + set.database(), "postgres", "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select distinct sha256 from connector_version order by sha256")) {
            List<String> digests = new ArrayList<>();
            while (rows.next()) {
                digests.add(rows.getString(1));
            }
            return digests;
        }
    }

    private int unfinishedUploads() {
        // The benchmark's client of the store, configured as the registry's is.
        try (S3Baseline s3 = new S3Baseline(S3Server.shared(), set.bucket())) {
            return s3.unfinishedUploads();
        }
    }
}
