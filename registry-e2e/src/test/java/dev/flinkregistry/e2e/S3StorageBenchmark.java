package dev.flinkregistry.e2e;

import static dev.flinkregistry.e2e.Measured.cpuMillis;
import static dev.flinkregistry.e2e.Measured.drain;
import static dev.flinkregistry.e2e.Measured.median;
import static dev.flinkregistry.e2e.Measured.millisSince;
import static dev.flinkregistry.e2e.Measured.throughput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of the registry on an S3-compatible store (S3Proxy in the test JVM, filesystem back end; the
 * packaged server as its own process, H2, {@code registry.storage.s3.*} pointing at a fresh bucket,
 * path-style), with a 200 MB JAR (the sample psv format padded with a STORED entry of random bytes,
 * new bytes each round), rounds interleaved, median of 3:
 * <ul>
 *   <li>upload: {@code POST …/connectors} from the request's start to its 201, against {@code sha256sum}
 *       of the file plus an upload of it with the AWS SDK alone ({@link S3Baseline}), as one PutObject
 *       and as a multipart upload of 16 MB parts (target: at most 1.3x the faster). The server's
 *       analysis, which the SDK does not do, is printed apart ({@code durationMillis}), with the ratio
 *       without it, and the server's phases ({@code Server-Timing}) and CPU time;</li>
 *   <li>download: {@code GET …/jars/{sha256}} through the registry with Apache HttpClient against
 *       GetObject of the same object with the SDK (on the same HTTP client), both read to the end and
 *       discarded (target: at least 0.8x of the SDK's throughput); also through the registry with
 *       Java's HttpClient, and curl fetching both (the object through a presigned URL), which tells
 *       what the clients cost from what the extra hop costs.</li>
 * </ul>
 * The server keeps its copies of what it uploads (the default {@code cache-size}), so these downloads
 * come from its copy; then a second server on the same bucket with {@code presigned-downloads}, two
 * replicas on one PostgreSQL database (a JAR uploaded to the first, downloaded from the second once
 * it copied the JAR ahead, {@code prefetch}) and a server with {@code cache-size 0} (every download
 * streamed from the store through the server) are measured with curl against curl on a presigned URL. One 20 MB warm-up round goes first. Prints figures; asserts only that the work was done. Run with
 * {@code mvn -B -ntp -pl registry-test-support,registry-e2e test -Dtest=S3StorageBenchmark
 * -Dexcluded.test.groups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class S3StorageBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final long SIZE = Long.getLong("benchmark.sizeMb", 200) * 1_000_000;
    private static final long WARMUP_SIZE = Long.getLong("benchmark.warmupMb", 20) * 1_000_000;
    /** The server's default {@code registry.storage.s3.part-size}. */
    private static final long PART_SIZE = 16L * 1024 * 1024;
    private static final Pattern TIMING = Pattern.compile("(\\w+);dur=([0-9.]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void uploadAndDownloadThroughTheRegistryAgainstTheStoreAlone() throws Exception {
        S3Server store = S3Server.startUnder(Files.createDirectories(temp.resolve("s3")));
        Map<String, String> settings = new LinkedHashMap<>();
        store.registrySettings().forEach((key, value) -> settings.put(key, value.toString()));
        String bucket = settings.get("registry.storage.s3.bucket");
        // The server's SDK finds the store's keys where it would find real ones: its environment.
        Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        try (store;
             RegistryServerProcess server = RegistryServerProcess.start(
                     Files.createDirectories(temp.resolve("server")), settings, credentials);
             S3Baseline sdk = new S3Baseline(store, bucket);
             CloseableHttpClient apache = HttpClients.createDefault()) {
            Bench bench = new Bench(server, sdk, apache);
            bench.round(-1, WARMUP_SIZE);
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rounds.add(bench.round(round, SIZE));
            }
            report(rounds);
            bench.verifyLast();

            // The same store with registry.storage.s3.presigned-downloads: the registry answers 307 and
            // the bytes come from the store. A second server (its own H2) on the same bucket.
            Map<String, String> presigned = new LinkedHashMap<>(settings);
            presigned.put("registry.storage.s3.presigned-downloads", "true");
            try (RegistryServerProcess redirecting = RegistryServerProcess.start(
                    Files.createDirectories(temp.resolve("server-presigned")), presigned, credentials)) {
                downloadsAgainstTheStore(redirecting, sdk, "with presigned-downloads (a second server on the same "
                        + "bucket, " + ROUNDS + " rounds)", "curl through the registry, following its 307", "redirect");
            }
            // Two replicas on one PostgreSQL database (ReplicaSet: its own bucket of another S3Proxy in
            // this JVM): a JAR uploaded to r1 is copied by r2 as soon as the change feed tells it
            // (registry.storage.s3.prefetch, the default), so r2 serves it from its own copy as well.
            Path replicas = Files.createDirectories(temp.resolve("replicas"));
            try (ReplicaSet set = ReplicaSet.start(replicas, List.of("r1", "r2"), Map.of());
                 S3Baseline shared = new S3Baseline(S3Server.shared(), set.bucket())) {
                Path copies = replicas.resolve("r2").resolve("data").resolve("cache");
                downloadsAgainstTheStore(set.replica("r1"), set.replica("r2"), set.adminToken(),
                        sha256 -> Files.exists(copies.resolve(sha256 + ".jar")), shared,
                        "from another replica, which copied the JAR ahead (prefetch; two replicas on PostgreSQL, "
                                + ROUNDS + " rounds)", "curl through the replica that did not receive it", "prefetched");
            }
            // Without the replica's copies (cache-size 0): every download streams from the store through
            // the server, as on a replica with no disk for copies, or for a JAR over a quarter of cache-size.
            Map<String, String> streaming = new LinkedHashMap<>(settings);
            streaming.put("registry.storage.s3.cache-size", "0");
            try (RegistryServerProcess streamer = RegistryServerProcess.start(
                    Files.createDirectories(temp.resolve("server-streaming")), streaming, credentials)) {
                downloadsAgainstTheStore(streamer, sdk, "streamed from the store, without the replica's copies "
                        + "(cache-size 0, a third server on the same bucket, " + ROUNDS + " rounds)",
                        "curl through the registry (streamed)", "streamed");
            }
        }
    }

    /**
     * curl downloading through the registry (following a redirect to a signed URL, where the registry
     * answers one; curl sends the token to the registry only) against curl fetching a signed URL of
     * the object straight away, interleaved, median of the rounds, for a JAR uploaded to that server.
     */
    private void downloadsAgainstTheStore(RegistryServerProcess server, S3Baseline sdk, String heading, String label,
                                          String what) throws Exception {
        downloadsAgainstTheStore(server, server, server.adminToken(), sha256 -> true, sdk, heading, label, what);
    }

    /**
     * The same for a JAR uploaded to {@code uploadTo} and downloaded from {@code downloadFrom} once
     * {@code ready} says so (another replica's copy made).
     */
    private void downloadsAgainstTheStore(RegistryServerProcess uploadTo, RegistryServerProcess downloadFrom,
                                          String adminToken, java.util.function.Predicate<String> ready,
                                          S3Baseline sdk, String heading, String label, String what) throws Exception {
        Path jar = PaddedJar.write(TestJars.psvFormat(), temp.resolve("padded-" + what + ".jar"), SIZE,
                what.hashCode());
        long bytes = Files.size(jar);
        String workspace = uploadTo.newWorkspace("s3-" + what);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(uploadTo.baseUrl()
                        + "/api/v1/workspaces/" + workspace + "/connectors?name=padded-psv"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/java-archive").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofString());
        long uploaded = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sha256 = json.readTree(created.body()).path("version").path("sha256").asString();
        Files.delete(jar);
        long deadline = uploaded + Duration.ofMinutes(2).toNanos();
        while (!ready.test(sha256)) {
            assertThat(System.nanoTime()).as("ready to download from " + downloadFrom.baseUrl()).isLessThan(deadline);
            Thread.sleep(10);
        }
        if (uploadTo != downloadFrom) {
            System.out.printf("  (%s: ready %.0f ms after the upload's 201)%n", what, (System.nanoTime() - uploaded) / 1e6);
        }
        String url = downloadFrom.baseUrl() + "/api/v1/workspaces/" + workspace + "/jars/" + sha256;
        String key = "blobs/" + sha256.substring(0, 2) + "/" + sha256 + ".jar";
        String token = "Authorization: Bearer " + adminToken;
        List<Double> viaRedirect = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        for (int round = 0; round < ROUNDS + 1; round++) {
            double redirected = what.equals("redirect") ? Measured.curlFollowing(bytes, url, token)
                    : Measured.curl(bytes, url, token);
            double straight = Measured.curl(bytes, sdk.presignedGet(key).toString(), "X-Benchmark: 1");
            if (round > 0) {  // the first is a warm-up
                viaRedirect.add(redirected);
                direct.add(straight);
            }
        }
        double redirectedMedian = Measured.median(viaRedirect, Double::doubleValue);
        double directMedian = Measured.median(direct, Double::doubleValue);
        System.out.printf("  %s:%n", heading);
        System.out.printf("  %-52s %7.0f MB/s %s%n", label, redirectedMedian,
                viaRedirect.stream().map(v -> String.format("%.0f", v)).toList());
        System.out.printf("  curl from the store (presigned URL)                  %7.0f MB/s %s%n", directMedian,
                direct.stream().map(v -> String.format("%.0f", v)).toList());
        System.out.printf("  download ratio registry (%s) / store: %.2fx (target >= 0.8x: %s)%n%n", what,
                redirectedMedian / directMedian, met(redirectedMedian / directMedian >= 0.8));
    }

    /** One round's figures, in milliseconds and MB/s. */
    private record Round(double sha256sum, double put, double multipart, double upload, double receive,
                         double register, double analysis, double uploadCpu, double viaRegistry, double direct,
                         double javaViaRegistry, double curlViaRegistry, double curlDirect, double curlDownloadCpu) {

        double basePut() {
            return sha256sum + put;
        }

        double baseMultipart() {
            return sha256sum + multipart;
        }

        double withoutAnalysis() {
            return upload - analysis;
        }

        double storeAndCommit() {
            return register - analysis;
        }
    }

    /** The measurements of one run, against one server and one bucket. */
    private final class Bench {

        private final RegistryServerProcess server;
        private final S3Baseline sdk;
        private final CloseableHttpClient apache;
        private String lastUrl;
        private String lastSha256;
        private long lastSize;

        Bench(RegistryServerProcess server, S3Baseline sdk, CloseableHttpClient apache) {
            this.server = server;
            this.sdk = sdk;
            this.apache = apache;
        }

        Round round(int round, long size) throws Exception {
            Path jar = PaddedJar.write(TestJars.psvFormat(), temp.resolve("padded-" + round + ".jar"), size,
                    1_000 + round);
            long bytes = Files.size(jar);
            long started = System.nanoTime();
            String printed = Measured.sha256sum(jar);
            double sha256sum = millisSince(started);

            started = System.nanoTime();
            sdk.put("direct/put.jar", jar, bytes);
            double put = millisSince(started);
            sdk.delete("direct/put.jar");
            started = System.nanoTime();
            sdk.multipartUpload("direct/multipart.jar", jar, bytes, PART_SIZE);
            double multipart = millisSince(started);
            sdk.delete("direct/multipart.jar");

            // A workspace of its own: the same factories again would be another connector's identifiers.
            String workspace = server.newWorkspace("s3-benchmark");
            HttpRequest post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/workspaces/" + workspace
                            + "/connectors?name=padded-psv"))
                    .header("Authorization", "Bearer " + server.adminToken())
                    .header("Content-Type", "application/java-archive").timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofFile(jar)).build();
            double cpuBefore = cpuMillis(server.pid());
            started = System.nanoTime();
            HttpResponse<String> created = http.send(post, HttpResponse.BodyHandlers.ofString());
            double upload = millisSince(started);
            double uploadCpu = cpuMillis(server.pid()) - cpuBefore;
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode version = json.readTree(created.body()).path("version");
            String sha256 = version.path("sha256").asString();
            assertThat(sha256).isEqualTo(printed);
            assertThat(version.path("size").asLong()).isEqualTo(bytes);
            Map<String, Double> timing = serverTiming(created.headers().firstValue("Server-Timing").orElse(""));
            double analysis = version.path("analysis").path("durationMillis").asDouble(Double.NaN);
            Files.delete(jar);

            // The object the registry stored, four ways; each round starts with the next, so none is always first.
            String key = "blobs/" + sha256.substring(0, 2) + "/" + sha256 + ".jar";
            String url = server.baseUrl() + "/api/v1/workspaces/" + workspace + "/jars/" + sha256;
            String token = "Authorization: Bearer " + server.adminToken();
            double[] figures = new double[6];
            List<Runnable> downloads = List.of(
                    () -> figures[0] = throughput(bytes, () -> apacheDownload(url)),
                    () -> figures[5] = throughput(bytes, () -> registryDownload(url, null)),
                    () -> figures[1] = throughput(bytes, () -> drain(sdk.get(key), null)),
                    () -> {
                        double before = cpuMillis(server.pid());
                        figures[2] = Measured.curl(bytes, url, token);
                        figures[4] = cpuMillis(server.pid()) - before;
                    },
                    () -> figures[3] = Measured.curl(bytes, sdk.presignedGet(key).toString(), "X-Benchmark: 1"));
            for (int i = 0; i < downloads.size(); i++) {
                downloads.get(Math.floorMod(round + i, downloads.size())).run();
            }
            lastUrl = url;
            lastSha256 = sha256;
            lastSize = bytes;
            return new Round(sha256sum, put, multipart, upload, timing.getOrDefault("receive", Double.NaN),
                    timing.getOrDefault("register", Double.NaN), analysis, uploadCpu, figures[0], figures[1],
                    figures[5], figures[2], figures[3], figures[4]);
        }

        /** Once, untimed: the registry answers exactly the bytes it was sent. */
        void verifyLast() throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            assertThat(registryDownload(lastUrl, digest)).isEqualTo(lastSize);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(lastSha256);
        }

        /** With Apache HttpClient, the HTTP client the SDK's GetObject runs on. */
        private long apacheDownload(String url) throws IOException {
            HttpGet get = new HttpGet(url);
            get.setHeader("Authorization", "Bearer " + server.adminToken());
            try (CloseableHttpResponse response = apache.execute(get)) {
                assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
                return drain(response.getEntity().getContent(), null);
            }
        }

        /** With Java's own HttpClient. */
        private long registryDownload(String url, MessageDigest digest) throws IOException {
            HttpRequest get = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + server.adminToken()).timeout(Duration.ofMinutes(10))
                    .GET().build();
            try {
                HttpResponse<InputStream> response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                return drain(response.body(), digest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static void report(List<Round> rounds) {
        double basePut = median(rounds, Round::basePut);
        double baseMultipart = median(rounds, Round::baseMultipart);
        double faster = Math.min(basePut, baseMultipart);
        double upload = median(rounds, Round::upload);
        double withoutAnalysis = median(rounds, Round::withoutAnalysis);
        System.out.printf("%nBENCHMARK object storage: %.1f MB JAR, %d cores, load average %.1f, Java %s;"
                        + " S3Proxy (filesystem back end) in the test JVM, the server a process of its own (H2)%n",
                SIZE / 1e6, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version());
        System.out.printf("  %-54s %7s      %s%n", "median of " + rounds.size() + " rounds (new bytes each round)",
                "median", "rounds");
        row(rounds, "sha256sum of the file", Round::sha256sum, "ms");
        row(rounds, "SDK alone: PutObject(RequestBody.fromFile)", Round::put, "ms");
        row(rounds, "SDK alone: multipart, 16 MB parts", Round::multipart, "ms");
        row(rounds, "baseline A = sha256sum + PutObject", Round::basePut, "ms");
        row(rounds, "baseline B = sha256sum + multipart", Round::baseMultipart, "ms");
        row(rounds, "registry upload, request to 201", Round::upload, "ms");
        row(rounds, "  Server-Timing receive (stream, SHA-256)", Round::receive, "ms");
        row(rounds, "  Server-Timing register (analysis, store, commit)", Round::register, "ms");
        row(rounds, "    analysis (durationMillis)", Round::analysis, "ms");
        row(rounds, "    store + commit (register - analysis)", Round::storeAndCommit, "ms");
        row(rounds, "  server process CPU time during the upload", Round::uploadCpu, "ms");
        row(rounds, "registry upload without the analysis", Round::withoutAnalysis, "ms");
        System.out.printf("  upload ratio registry / A: %.2fx, / B: %.2fx (target <= 1.3x of the faster: %s)%n",
                upload / basePut, upload / baseMultipart, met(upload / faster <= 1.3));
        System.out.printf("  upload ratio without the analysis: / A %.2fx, / B %.2fx (%s)%n", withoutAnalysis / basePut,
                withoutAnalysis / baseMultipart, met(withoutAnalysis / faster <= 1.3));
        double viaRegistry = median(rounds, Round::viaRegistry);
        double direct = median(rounds, Round::direct);
        System.out.println("  downloads from the server that received the upload, so from its copy (cache-size 1GB):");
        row(rounds, "download through the registry (Apache HttpClient)", Round::viaRegistry, "MB/s");
        row(rounds, "download from the store (SDK GetObject)", Round::direct, "MB/s");
        System.out.printf("  download ratio registry / store: %.2fx (target >= 0.8x: %s)%n", viaRegistry / direct,
                met(viaRegistry / direct >= 0.8));
        row(rounds, "download through the registry (Java HttpClient)", Round::javaViaRegistry, "MB/s");
        row(rounds, "curl through the registry", Round::curlViaRegistry, "MB/s");
        row(rounds, "  server process CPU time during that download", Round::curlDownloadCpu, "ms");
        row(rounds, "curl from the store (presigned URL)", Round::curlDirect, "MB/s");
        System.out.printf("  download ratio with curl for both: %.2fx%n%n",
                median(rounds, Round::curlViaRegistry) / median(rounds, Round::curlDirect));
    }

    private static void row(List<Round> rounds, String what, ToDoubleFunction<Round> figure, String unit) {
        System.out.printf("  %-54s %7.0f %-4s %s%n", what, median(rounds, figure), unit,
                rounds.stream().map(r -> String.valueOf(Math.round(figure.applyAsDouble(r)))).toList());
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static Map<String, Double> serverTiming(String header) {
        Map<String, Double> phases = new LinkedHashMap<>();
        Matcher matcher = TIMING.matcher(header);
        while (matcher.find()) {
            phases.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return phases;
    }
}
