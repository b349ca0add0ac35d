package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.cli.Fcr;
import dev.flinkregistry.client.job.PinnedInstall;
import dev.flinkregistry.client.job.PinnedJar;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed of Kubernetes delivery against the packaged server, for the three real connector JARs of
 * {@link JobFetchBenchmark} (about 27 MB): {@code fcr k8s} (resolve and generate the FlinkDeployment)
 * plus the init container's {@code fcr fetch --into DIR --jar …} taken from the generated YAML
 * (download, verify every SHA-256, move into place), both in-process through the command line
 * {@code fcr}'s main builds for them ({@code Fcr.commandLine(environment, args)}), against {@code curl}
 * downloading the same pinned URLs one after the other, interleaved in the same run; medians of 41
 * each, target at most 1.2x. Also printed: the init container's command alone as
 * a fresh {@code java -jar fcr.jar} process (what a pod pays, JVM start included), when the shaded
 * JAR was built. Prints figures; asserts only that the work was done. Run with
 * {@code mvn -B -ntp -pl registry-e2e -am verify -DskipITs -Dtest=KubernetesDeliveryBenchmark -Dexcluded.test.groups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class KubernetesDeliveryBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.coldRuns", 41);
    private static final int WARMUP_RUNS = 15;
    private static final int PROCESS_RUNS = 5;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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

    private RegistryServerProcess server;
    private String workspace;
    private Path sqlFile;

    @Test
    void generateAndFetchAgainstCurl() throws Exception {
        server = registry.server();
        workspace = server.newWorkspace("k8s-benchmark");
        HttpRegistryClient admin = ServerClients.of(server, workspace, temp.resolve("admin-cache"));
        admin.register("kafka", TestJars.jar("flink-sql-connector-kafka.jar"));
        admin.register("mysql-cdc", TestJars.jar("flink-sql-connector-mysql-cdc.jar"));
        admin.register("psv", TestJars.psvFormat());
        Resolution resolution = admin.resolve(ResolveQuery.sql(JOB));
        assertThat(resolution.jars()).hasSize(3);
        long totalBytes = resolution.jars().stream().mapToLong(Resolution.Jar::size).sum();
        sqlFile = Files.writeString(temp.resolve("job.sql"), JOB);

        for (int run = 0; run < WARMUP_RUNS; run++) {
            deliver(run);
            curl(resolution, run);
        }
        List<Double> fcr = new ArrayList<>();
        List<Double> generate = new ArrayList<>();
        List<Double> curl = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<Double> fetchOnly = new ArrayList<>();
        List<Double> commandLines = new ArrayList<>();
        List<Double> wholeTrees = new ArrayList<>();
        List<PinnedJar> pinned = resolution.jars().stream().map(PinnedJar::of).toList();
        for (int run = 0; run < RUNS; run++) {
            double[] timed = deliver(WARMUP_RUNS + run);
            fcr.add(timed[0]);
            generate.add(timed[1]);
            fetchOnly.add(timed[2]);
            long built = System.nanoTime();
            Fcr.commandLine(Map.of("HOME", temp.toString()), "fetch", "--into", "usrlib", "--jar", "x.jar");
            long builtOne = System.nanoTime();
            Fcr.commandLine(Map.of("HOME", temp.toString()));
            commandLines.add((builtOne - built) / 1e6);
            wholeTrees.add((System.nanoTime() - builtOne) / 1e6);
            curl.add(curl(resolution, WARMUP_RUNS + run));
            direct.add(installDirectly(pinned, WARMUP_RUNS + run));
        }
        List<Double> pairRatios = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            pairRatios.add(fcr.get(run) / curl.get(run));
        }

        System.out.printf("%nBENCHMARK Kubernetes delivery: %d JARs, %.1f MB (%s)%n", resolution.jars().size(),
                totalBytes / 1e6, String.join(", ", resolution.jars().stream().map(Resolution.Jar::connector).toList()));
        System.out.printf("  warmed up by %d rounds of both%n", WARMUP_RUNS);
        System.out.printf("  fcr k8s + init container's fcr fetch --into (in-process), median of %d: %.0f ms %s%n",
                RUNS, median(fcr), rounded(fcr));
        System.out.printf("    of which fcr k8s (resolve + generate YAML), median: %.1f ms%n", median(generate));
        System.out.printf("    of which the init container's fcr fetch (command line included), median: %.1f ms%n",
                median(fetchOnly));
        System.out.printf("    building the command line for one fetch (picocli, only the fetch command), median: %.1f ms"
                + " (every command, as before: %.1f ms)%n", median(commandLines), median(wholeTrees));
        System.out.printf("  the same fetch through PinnedInstall with a new client, without fcr's command line,"
                + " median of %d: %.0f ms%n", RUNS, median(direct));
        System.out.printf("  curl -s -o … the same %d pinned URLs sequentially, median of %d: %.0f ms %s%n",
                resolution.jars().size(), RUNS, median(curl), rounded(curl));
        System.out.printf("  ratio fcr/curl: %.2fx (target <= 1.2x); median of the %d paired ratios: %.2fx%n",
                median(fcr) / median(curl), RUNS, median(pairRatios));
        Path fcrJar = Path.of("..", "registry-client", "target", "fcr.jar").toAbsolutePath().normalize();
        if (Files.isRegularFile(fcrJar)) {
            List<Double> process = new ArrayList<>();
            for (int run = 0; run < PROCESS_RUNS; run++) {
                process.add(fetchAsProcess(fcrJar, run));
            }
            System.out.printf("  the init container's command as a fresh java -jar fcr.jar process (JVM start included),"
                    + " median of %d: %.0f ms %s%n", PROCESS_RUNS, median(process), rounded(process));
        }
        System.out.println();
    }

    /** The init container's work without picocli: a new client and PinnedInstall; milliseconds. */
    private double installDirectly(List<PinnedJar> jars, int run) throws IOException {
        Path into = temp.resolve("direct-" + run);
        long started = System.nanoTime();
        new PinnedInstall(ServerClients.of(server, workspace, temp.resolve("direct-cache"))).into(into, jars);
        double ms = (System.nanoTime() - started) / 1e6;
        deleteRecursively(into);
        return ms;
    }

    /** fcr k8s, then the init container's command from its YAML into a fresh directory; {total, generate, fetch} ms. */
    private double[] deliver(int run) throws IOException {
        Path into = temp.resolve("usrlib-" + run);
        long started = System.nanoTime();
        String yaml = fcr("k8s", sqlFile.toString(), "--name", "orders", "--flink", "1.20");
        double generated = (System.nanoTime() - started) / 1e6;
        List<String> args = initArgs(yaml, into);
        long fetching = System.nanoTime();
        fcr(args.toArray(String[]::new));
        double fetched = (System.nanoTime() - fetching) / 1e6;
        double ms = (System.nanoTime() - started) / 1e6;
        try (Stream<Path> files = Files.list(into)) {
            assertThat(files.count()).isEqualTo(3);
        }
        deleteRecursively(into);
        return new double[] {ms, generated, fetched};
    }

    private static List<String> initArgs(String yaml, Path into) throws IOException {
        JsonNode init = YAML.readTree(yaml).at("/spec/podTemplate/spec/initContainers/0");
        String mountPath = init.at("/volumeMounts/0/mountPath").asText();
        List<String> args = new ArrayList<>();
        init.get("args").forEach(arg -> args.add(arg.asText().equals(mountPath) ? into.toString() : arg.asText()));
        return args;
    }

    private String fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Fcr.commandLine(Map.of("HOME", temp.toString(), "FCR_SERVER", server.baseUrl(),
                "FCR_WORKSPACE", workspace, "FCR_TOKEN", server.adminToken()), args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute(args)).as(err.toString()).isZero();
        return out.toString();
    }

    /** The init container's command as its own JVM, as a pod runs it; milliseconds. */
    private double fetchAsProcess(Path fcrJar, int run) throws Exception {
        Path into = temp.resolve("process-" + run);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-jar", fcrJar.toString()));
        command.addAll(initArgs(fcr("k8s", sqlFile.toString(), "--name", "orders"), into));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("fcr-process.log").toFile());
        builder.environment().putAll(Map.of("HOME", temp.toString(), "FCR_SERVER", server.baseUrl(),
                "FCR_WORKSPACE", workspace, "FCR_TOKEN", server.adminToken()));
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("fcr-process.log"))).isZero();
        deleteRecursively(into);
        return ms;
    }

    /** curl downloading the pinned URLs one after the other in one process; milliseconds. */
    private double curl(Resolution resolution, int run) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("curl-" + run));
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--fail", "-H",
                "Authorization: Bearer " + server.adminToken()));
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
        deleteRecursively(dir);
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.valueOf(Math.round(v))).toList().toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
