package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed of job submission against the packaged server, with three real connector JARs
 * (flink-sql-connector-kafka 3.2.0-1.19, flink-sql-connector-mysql-cdc 3.5.0, the sample psv
 * format; about 27 MB together):
 * <ul>
 *   <li>cold: {@link JobSubmission#prepare} with an empty cache (resolve, download, verify) against
 *       {@code curl} downloading the same pinned URLs one after the other, interleaved in the same
 *       run, median of 25 each (target: at most 1.2x), and the median of the 25 paired ratios;</li>
 *   <li>warm: {@code prepare} with every JAR cached, median of 50 (target: under 30 ms), and the
 *       HTTP requests each one makes, counted by the server (target: one, the resolve).</li>
 * </ul>
 * The server is warmed up first, as one in service is: 1,500 warm prepares, then ten cold rounds of
 * client and curl. Prints figures; asserts only that the work was done. Run with
 * {@code mvn -B -ntp test -Dtest=JobFetchBenchmark -Dexcluded.test.groups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class JobFetchBenchmark {

    /** Measured cold runs of each (client and curl); {@code -Dbenchmark.coldRuns=N} for more. */
    private static final int COLD_RUNS = Integer.getInteger("benchmark.coldRuns", 25);
    private static final int WARM_RUNS = 50;
    private static final int WARMUP_PREPARES = Integer.getInteger("benchmark.warmupPrepares", 1_500);
    private static final int WARMUP_COLD_RUNS = 10;
    private static final String JOB = """
            CREATE TABLE orders (id BIGINT, amount DOUBLE) WITH ('connector' = 'kafka', 'topic' = 'orders',
              'properties.bootstrap.servers' = '127.0.0.1:9092', 'format' = 'psv');
            CREATE TABLE customers (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
              'connector' = 'mysql-cdc', 'hostname' = '127.0.0.1', 'port' = '3306', 'username' = 'flink',
              'password' = 'secret', 'database-name' = 'shop', 'table-name' = 'customers');
            CREATE TABLE totals (id BIGINT, total DOUBLE) WITH ('connector' = 'print');
            INSERT INTO totals SELECT o.id, SUM(o.amount) FROM orders o JOIN customers c ON o.id = c.id GROUP BY o.id;
            """;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    @TempDir
    Path temp;

    @Test
    void coldAndWarmFetchOfAJobsJars() throws Exception {
        RegistryServerProcess server = registry.server();
        String workspace = server.newWorkspace("benchmark");
        HttpRegistryClient admin = ServerClients.of(server, workspace, temp.resolve("admin-cache"));
        admin.register("kafka", TestJars.jar("flink-sql-connector-kafka.jar"));
        admin.register("mysql-cdc", TestJars.jar("flink-sql-connector-mysql-cdc.jar"));
        admin.register("psv", TestJars.psvFormat());
        Resolution resolution = admin.resolve(ResolveQuery.sql(JOB));
        assertThat(resolution.jars()).hasSize(3);
        long totalBytes = resolution.jars().stream().mapToLong(Resolution.Jar::size).sum();

        // Warm-up, as a server in service is: warm prepares (one resolve each) and cold rounds of both.
        Path warmCache = temp.resolve("warm-cache");
        HttpRegistryClient warmClient = ServerClients.of(server, workspace, warmCache);
        JobSubmission warm = new JobSubmission(warmClient, "1.20");
        for (int run = 0; run < WARMUP_PREPARES; run++) {
            warm.prepare(JOB);
        }
        for (int run = 0; run < WARMUP_COLD_RUNS; run++) {
            coldPrepare(server, workspace, run);
            curl(resolution, run);
        }

        // Warm: every JAR cached; each prepare should be one resolve request.
        double requestsBefore = settled(server::apiRequests);
        double resolvesBefore = settled(() -> server.metric("http_server_requests_seconds_count",
                "uri=\"/api/v1/workspaces/{workspace}/resolve\""));
        double downloadsBefore = server.metric("registry_downloads_total");
        List<Double> warmMs = new ArrayList<>();
        for (int run = 0; run < WARM_RUNS; run++) {
            long started = System.nanoTime();
            JobJars jars = warm.prepare(JOB);
            warmMs.add((System.nanoTime() - started) / 1e6);
            assertThat(jars.jars()).hasSize(3);
        }
        double requestsPerPrepare = (settled(server::apiRequests) - requestsBefore) / WARM_RUNS;
        double resolvesPerPrepare = (settled(() -> server.metric("http_server_requests_seconds_count",
                "uri=\"/api/v1/workspaces/{workspace}/resolve\"")) - resolvesBefore) / WARM_RUNS;
        double downloads = server.metric("registry_downloads_total") - downloadsBefore;

        // Cold: an empty cache and a new client each time, against curl fetching the same pinned URLs.
        List<Double> client = new ArrayList<>();
        List<Double> curl = new ArrayList<>();
        for (int run = 0; run < COLD_RUNS; run++) {
            client.add(coldPrepare(server, workspace, WARMUP_COLD_RUNS + run));
            curl.add(curl(resolution, WARMUP_COLD_RUNS + run));
        }

        // Where the cold time goes: the resolve prepare sends, and hashing the JARs (curl verifies nothing).
        ResolveQuery query = ResolveQuery.required(warm.requiredIdentifiers(JOB));
        List<Double> resolveMs = new ArrayList<>();
        List<Double> hashMs = new ArrayList<>();
        for (int run = 0; run < COLD_RUNS; run++) {
            long started = System.nanoTime();
            warmClient.resolve(query);
            resolveMs.add((System.nanoTime() - started) / 1e6);
            started = System.nanoTime();
            for (Path jar : List.of(TestJars.jar("flink-sql-connector-kafka.jar"), TestJars.jar("flink-sql-connector-mysql-cdc.jar"), TestJars.psvFormat())) {
                sha256Streamed(jar);
            }
            hashMs.add((System.nanoTime() - started) / 1e6);
        }

        double clientMedian = median(client);
        double curlMedian = median(curl);
        System.out.printf("%nBENCHMARK job submission: %d JARs, %.1f MB (%s)%n", resolution.jars().size(),
                totalBytes / 1e6, String.join(", ", resolution.jars().stream().map(Resolution.Jar::connector).toList()));
        System.out.printf("  server warmed up first by %d warm prepares and %d cold rounds of client and curl%n",
                WARMUP_PREPARES, WARMUP_COLD_RUNS);
        System.out.printf("  cold JobSubmission.prepare (resolve + download + verify), median of %d: %.0f ms %s%n",
                COLD_RUNS, clientMedian, rounded(client));
        System.out.printf("  curl -s -o … the same %d pinned URLs sequentially, median of %d: %.0f ms %s%n",
                resolution.jars().size(), COLD_RUNS, curlMedian, rounded(curl));
        List<Double> pairRatios = new ArrayList<>();
        for (int run = 0; run < COLD_RUNS; run++) {
            pairRatios.add(client.get(run) / curl.get(run));
        }
        System.out.printf("  ratio client/curl: %.2fx (target <= 1.2x); median of the %d paired ratios: %.2fx%n",
                clientMedian / curlMedian, COLD_RUNS, median(pairRatios));
        System.out.printf("  of the client's time: one resolve %.1f ms, SHA-256 of the %d JARs %.1f ms (medians)%n",
                median(resolveMs), resolution.jars().size(), median(hashMs));
        System.out.printf("  warm prepare with every JAR cached, median of %d: %.1f ms (p90 %.1f ms, target < 30 ms)%n",
                WARM_RUNS, median(warmMs), percentile(warmMs, 0.9));
        System.out.printf("  HTTP requests per warm prepare (server-side count): %.2f, of which resolve: %.2f;"
                + " downloads during the warm runs: %.0f%n%n", requestsPerPrepare, resolvesPerPrepare, downloads);
        assertThat(downloads).isZero();
    }

    /** One cold prepare with a fresh client and an empty cache; returns milliseconds. */
    private double coldPrepare(RegistryServerProcess server, String workspace, int run) throws IOException {
        Path cache = temp.resolve("cold-cache-" + run);
        long started = System.nanoTime();
        HttpRegistryClient client = ServerClients.of(server, workspace, cache);
        JobJars jars = new JobSubmission(client, "1.20").prepare(JOB);
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(jars.jars()).hasSize(3).allSatisfy(path -> assertThat(path).startsWith(cache));
        deleteRecursively(cache);
        return ms;
    }

    /** curl downloading the pinned URLs one after the other in one process; returns milliseconds. */
    private double curl(Resolution resolution, int run) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("curl-" + run));
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--fail", "-H",
                "Authorization: Bearer " + registry.server().adminToken()));
        for (Resolution.Jar jar : resolution.jars()) {
            command.add("-o");
            command.add(dir.resolve(jar.sha256() + ".jar").toString());
            command.add(jar.url());
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("curl.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("curl.log"))).isZero();
        for (Resolution.Jar jar : resolution.jars()) {
            assertThat(dir.resolve(jar.sha256() + ".jar")).hasSize(jar.size());
        }
        deleteRecursively(dir);
        return ms;
    }

    /** Hashes a file the way a verifying cache has to: reading it all once more. */
    private static void sha256Streamed(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(digest.digest()).hasSize(32);
    }

    /** A metric read again until two reads agree (the server counts a request after answering it). */
    private static double settled(java.util.function.DoubleSupplier metric) {
        double[] last = {metric.getAsDouble()};
        Await.until("the server's request count settles", Duration.ofSeconds(10), () -> {
            double now = metric.getAsDouble();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        }, () -> "last value " + last[0]);
        return last[0];
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.valueOf(Math.round(v))).toList().toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
