package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolve across three replicas: {@code wrk -t2 -c64 --latency} POSTing the resolve of 3 identifiers
 * (the sample connectors sequence, row-file and psv, as in {@code benchmarks/server/run.sh}) with a
 * viewer API token, anonymous read off, against
 * <ol>
 *   <li>one replica directly;</li>
 *   <li>HAProxy with all three replicas ({@link ReplicaSet}: one PostgreSQL database, one S3Proxy
 *       bucket, round robin);</li>
 *   <li>a second HAProxy with only the first replica, which separates HAProxy's own cost from what
 *       the other two replicas add.</li>
 * </ol>
 * Every target is warmed up first ({@code benchmark.warmupRounds} rounds of all three, each wrk
 * {@code benchmark.warmupSeconds}); then {@code benchmark.rounds} measured rounds of all three,
 * interleaved (each round starts with the next target), {@code benchmark.seconds} each; the median
 * round of each figure counts. Prints requests/s, p50, p99, non-2xx and socket errors, the CPU time
 * the replicas and HAProxy used per request, and the ratios. Everything runs on this machine's cores:
 * three replicas here cannot scale the way three machines would. Asserts only that the work was done
 * (every answer 2xx, HAProxy sending requests to all three). Run with
 * {@code mvn -B -ntp -pl registry-e2e verify -Dtest=ReplicasResolveBenchmark -Dexcluded.test.groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (about 5 minutes).
 */
@Tag("benchmark")
class ReplicasResolveBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 10);
    private static final int WARMUP_ROUNDS = Integer.getInteger("benchmark.warmupRounds", 2);
    private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmupSeconds", 10);
    private static final int CONNECTIONS = 64;
    private static final List<String> NAMES = List.of("r1", "r2", "r3");
    private static final String BODY =
            "{\"identifiers\":[{\"identifier\":\"sequence\"},{\"identifier\":\"row-file\"},{\"identifier\":\"psv\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void resolveOnOneReplicaAgainstThreeBehindHaproxy() throws Exception {
        try (ReplicaSet set = ReplicaSet.start(temp.resolve("replicas"), NAMES,
                Map.of("registry.analysis.timeout", "120s"));
             Haproxy single = Haproxy.start(Files.createDirectories(temp.resolve("haproxy-one")),
                     Map.of("r1", set.replica("r1").port()))) {
            single.awaitInRotation("r1", true);
            String admin = set.adminToken();
            String three = set.haproxy().baseUrl();
            String workspace = set.replica("r1").newWorkspace("replicas");
            register(three, admin, workspace, "sequence", TestJars.sequenceV1());
            register(three, admin, workspace, "row-file", TestJars.rowFileSink());
            register(three, admin, workspace, "psv", TestJars.psvFormat());
            String viewer = viewerToken(three, admin, workspace);
            Path script = Files.writeString(temp.resolve("resolve.lua"), """
                    wrk.method = "POST"
                    wrk.body = '%s'
                    wrk.headers["Content-Type"] = "application/json"
                    wrk.headers["Authorization"] = "Bearer %s"
                    """.formatted(BODY, viewer));

            String path = "/api/v1/workspaces/" + workspace + "/resolve";
            List<Target> targets = List.of(
                    new Target("r1 directly", set.replica("r1").baseUrl() + path),
                    new Target("HAProxy -> r1, r2, r3", three + path),
                    new Target("HAProxy -> r1 only", single.baseUrl() + path));
            for (Target target : targets) {
                assertResolves(target.url, viewer);
            }
            List<Long> pids = new ArrayList<>();
            NAMES.forEach(name -> pids.add(set.replica(name).pid()));
            Cpu cpu = new Cpu(pids, List.of(set.haproxy().pid(), single.pid()));

            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                for (Target target : targets) {
                    Wrk run = wrk(target.url, script, WARMUP_SECONDS, "warmup-" + round + "-" + targets.indexOf(target));
                    target.warmups.add(Math.round(run.rps));
                }
            }
            Map<String, Long> sentBefore = sentPerReplica(set);
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    Target target = targets.get((round + i) % targets.size());
                    double[] before = cpu.read();
                    Wrk run = wrk(target.url, script, SECONDS, "round-" + round + "-" + targets.indexOf(target));
                    double[] after = cpu.read();
                    target.runs.add(run.withCpu(after[0] - before[0], after[1] - before[1]));
                }
            }
            Map<String, Long> sent = new LinkedHashMap<>();
            sentPerReplica(set).forEach((name, count) -> sent.put(name, count - sentBefore.get(name)));

            print(targets, sent);
            for (Target target : targets) {
                for (Wrk run : target.runs) {
                    assertThat(run.requests).as(target.label + ": requests").isPositive();
                    assertThat(run.non2xx).as(target.label + ": non-2xx answers").isZero();
                }
            }
            assertThat(sent.values()).as("requests HAProxy sent to r1, r2, r3").allSatisfy(n -> assertThat(n).isPositive());
        }
    }

    private void print(List<Target> targets, Map<String, Long> sent) {
        System.out.printf(Locale.ROOT, "%nBENCHMARK resolve of 3 identifiers across replicas: wrk -t2 -c%d -d%ds --latency,"
                        + " viewer API token, anonymous read off; load average %s, Java %s%n", CONNECTIONS, SECONDS,
                loadAverage(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  NOTE: this machine has %d cores, shared by the 3 server JVMs, HAProxy, wrk,"
                + " PostgreSQL (and whatever else runs here).%n", Runtime.getRuntime().availableProcessors());
        System.out.println("  Three replicas on one machine cannot be expected to scale: the figures show what HAProxy"
                + " plus replication cost or gain here, not what three machines would do.");
        System.out.printf(Locale.ROOT, "  warm-up first, %d round(s) of %d s on each target, req/s: %s%n", WARMUP_ROUNDS,
                WARMUP_SECONDS, String.join("; ", targets.stream().map(t -> t.label + " " + t.warmups).toList()));
        System.out.printf(Locale.ROOT, "  median of %d interleaved rounds of %d s each (non-2xx and socket errors summed;"
                + " CPU: microseconds per request, all 3 JVMs together, both HAProxies together)%n", ROUNDS, SECONDS);
        System.out.printf(Locale.ROOT, "  %-26s %8s %8s %8s %8s %7s %9s %9s   %s%n", "target", "req/s", "p50 ms",
                "p99 ms", "non-2xx", "errors", "JVMs CPU", "HAP CPU", "req/s of the rounds");
        for (Target target : targets) {
            System.out.printf(Locale.ROOT, "  %-26s %8.0f %8.2f %8.2f %8d %7d %9.0f %9.0f   %s%n",
                    target.label, target.median(Wrk::rps), target.median(Wrk::p50), target.median(Wrk::p99),
                    target.runs.stream().mapToLong(Wrk::non2xx).sum(), target.runs.stream().mapToLong(Wrk::errors).sum(),
                    target.median(Wrk::jvmMicrosPerRequest), target.median(Wrk::haproxyMicrosPerRequest),
                    target.runs.stream().map(run -> String.valueOf(Math.round(run.rps))).toList());
        }
        Target one = targets.get(0);
        Target three = targets.get(1);
        Target single = targets.get(2);
        System.out.printf(Locale.ROOT, "  ratio three replicas / one replica directly: req/s %.2fx, p99 %.2fx%n",
                three.median(Wrk::rps) / one.median(Wrk::rps), three.median(Wrk::p99) / one.median(Wrk::p99));
        System.out.printf(Locale.ROOT, "  ratio HAProxy with one replica / one replica directly: req/s %.2fx, p99 %.2fx"
                + " (HAProxy's own cost)%n", single.median(Wrk::rps) / one.median(Wrk::rps),
                single.median(Wrk::p99) / one.median(Wrk::p99));
        System.out.printf(Locale.ROOT, "  ratio three replicas / HAProxy with one replica: req/s %.2fx, p99 %.2fx"
                + " (what two more replicas add behind HAProxy)%n", three.median(Wrk::rps) / single.median(Wrk::rps),
                three.median(Wrk::p99) / single.median(Wrk::p99));
        System.out.printf("  requests HAProxy sent to each replica during the measured rounds: %s%n", sent);
        System.out.printf("  load average at the end: %s%n%n", loadAverage());
    }

    private void register(String base, String token, String workspace, String name, Path jar) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/"
                        + workspace + "/connectors?name=" + name)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/java-archive").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A viewer API token of the workspace, made through the API as a CI pipeline would. */
    private String viewerToken(String base, String admin, String workspace) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-viewer\","
                        + "\"workspace\":\"" + workspace + "\",\"role\":\"viewer\",\"expiresInDays\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("token").asString();
    }

    /** One resolve answers 200 with the three identifiers, and without credentials 401 (anonymous read is off). */
    private void assertResolves(String url, String viewer) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + viewer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode resolved = json.readTree(answer.body()).get("resolved");
        assertThat(resolved).as(answer.body()).hasSize(3);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    }

    private Wrk wrk(String url, Path script, int seconds, String label) throws IOException, InterruptedException {
        Path output = temp.resolve("wrk-" + label + ".txt");
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(seconds + 60L, TimeUnit.SECONDS)).as("wrk ended").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return Wrk.parse(text);
    }

    private static Map<String, Long> sentPerReplica(ReplicaSet set) {
        Map<String, Long> sent = new LinkedHashMap<>();
        set.names().forEach(name -> sent.put(name, set.haproxy().requestsSentTo(name)));
        return sent;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Where wrk sends its requests, and what it measured there. */
    private static final class Target {
        final String label;
        final String url;
        final List<Wrk> runs = new ArrayList<>();
        final List<Long> warmups = new ArrayList<>();

        Target(String label, String url) {
            this.label = label;
            this.url = url;
        }

        double median(ToDoubleFunction<Wrk> figure) {
            return Measured.median(runs, figure);
        }
    }

    /** The CPU time of the replicas' JVMs and of both HAProxies, in ms, from /proc. */
    private record Cpu(List<Long> jvms, List<Long> haproxies) {
        double[] read() {
            return new double[] {jvms.stream().mapToDouble(Measured::cpuMillis).sum(),
                    haproxies.stream().mapToDouble(Measured::cpuMillis).sum()};
        }
    }

    /**
     * One wrk run's figures, read from its output the way {@code benchmarks/server/util.py wrk} does.
     *
     * @param jvmCpuMs CPU time of the three replicas' JVMs during the run
     * @param haproxyCpuMs CPU time of both HAProxy processes during the run
     */
    record Wrk(double rps, double p50, double p99, long non2xx, long errors, long requests, double jvmCpuMs,
            double haproxyCpuMs) {

        private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
        private static final Pattern P50 = Pattern.compile("(?m)^\\s+50%\\s+([\\d.]+)(us|ms|s|m)\\s*$");
        private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+([\\d.]+)(us|ms|s|m)\\s*$");
        private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
        private static final Pattern ERRORS =
                Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
        private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

        static Wrk parse(String text) {
            Matcher rps = find(RPS, text);
            Matcher requests = find(REQUESTS, text);
            Matcher errors = ERRORS.matcher(text);
            long errorCount = 0;
            if (errors.find()) {
                for (int group = 1; group <= 4; group++) {
                    errorCount += Long.parseLong(errors.group(group));
                }
            }
            Matcher non2xx = NON2XX.matcher(text);
            return new Wrk(Double.parseDouble(rps.group(1)), millis(find(P50, text)), millis(find(P99, text)),
                    non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errorCount,
                    Long.parseLong(requests.group(1)), 0, 0);
        }

        Wrk withCpu(double jvmMs, double haproxyMs) {
            return new Wrk(rps, p50, p99, non2xx, errors, requests, jvmMs, haproxyMs);
        }

        double jvmMicrosPerRequest() {
            return jvmCpuMs * 1000 / requests;
        }

        double haproxyMicrosPerRequest() {
            return haproxyCpuMs * 1000 / requests;
        }

        private static Matcher find(Pattern pattern, String text) {
            Matcher matcher = pattern.matcher(text);
            assertThat(matcher.find()).as("wrk's output has %s:%n%s", pattern, text).isTrue();
            return matcher;
        }

        private static double millis(Matcher figure) {
            double value = Double.parseDouble(figure.group(1));
            return switch (figure.group(2)) {
                case "us" -> value / 1000;
                case "ms" -> value;
                case "s" -> value * 1000;
                default -> value * 60_000;
            };
        }
    }
}
