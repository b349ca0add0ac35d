package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factory;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.testsupport.TestJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uploaded code never runs with the registry's rights (DESIGN rule 3): JARs whose factories attack
 * the machine from their static initialisers, analysed in each isolation mechanism. Each test
 * checks that the attack ran and that it got nothing: the machine is as it was.
 *
 * <p>Attacks tried (each also reports who it runs as): writing next to and above the worker's directory, in the server's directory
 * (through /proc), above the JAR, into the Flink JARs, the worker JAR, the class-data archive and
 * the Java home; reading the environment of every visible process and /etc/passwd; connecting to
 * every listening loopback port and to an outside address; changing its own JAR after it was
 * hashed; forging the worker's report on stdout, stderr and descriptor 3, then halting. Processes
 * are in {@link HostileProcessesAnalysisTest}, forged reports that pass the channel in
 * {@link ForgedReportsTest}.
 */
class HostileJarsAnalysisTest {

    private static final String FORGER = "dev.flinkregistry.samples.broken.hostile.forge.ForgeEventsFactory";

    static Stream<Isolation> mechanisms() {
        return Isolations.mechanisms();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void writesNothingOutsideItsPrivateScratch(Isolation mechanism, @TempDir Path dataDirectory) throws Exception {
        JarAnalyzer analyzer = Isolations.analyzer(mechanism);
        analyzer.analyze(TestJars.sample("sample-sequence-source"), FLINK_1);
        Path jar = Files.createDirectories(dataDirectory.resolve("jars")).resolve("upload.jar");
        Files.copy(hostile("write-files"), jar);
        Files.write(dataDirectory.resolve("registry.mv.db"), "the registry's database".getBytes());
        Map<Path, String> workBefore = snapshot(SharedAnalyzer.workDirectory());
        Map<Path, String> dataBefore = snapshot(dataDirectory);

        JarAnalysis analysis = analyzer.analyze(jar, FLINK_1);

        String loot = loot(analysis, "hostile-write-files");
        assertThat(loot).as("it tried the Flink JARs on its class path").contains("append to ", "flink-1.20.3-");
        // /proc/1/cwd is the sandbox's init's directory: the private /tmp under bubblewrap.
        assertThat(loot.lines().filter(line -> line.contains("-> OK")))
                .as("it wrote only into its own scratch, which goes with it")
                .allMatch(line -> line.contains("wrote /tmp/") || line.contains("wrote /proc/1/cwd/"));
        assertThat(snapshot(SharedAnalyzer.workDirectory())).as("the work directory: Flink JARs, worker JAR, CDS archive")
                .isEqualTo(workBefore);
        assertThat(snapshot(dataDirectory)).as("the directory the JAR came from").isEqualTo(dataBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void readsNoSecretOfTheProcessThatAnalyses(Isolation mechanism) throws Exception {
        String canary = System.getenv("FCR_TEST_CANARY");
        assertThat(canary).as("surefire sets FCR_TEST_CANARY: run the tests with Maven").isNotBlank();

        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("read-secrets"), FLINK_1);

        String loot = loot(analysis, "hostile-read-secrets");
        assertThat(loot).as("it read what it could see").contains("read /proc/1/environ -> OK");
        assertThat(WorkerEvents.MAPPER.writeValueAsString(analysis)).doesNotContain(canary, "root:x:0:0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void runsAsAnUnprivilegedHostUserWithoutCapabilitiesOrNetwork(Isolation mechanism) throws Exception {
        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("read-secrets"), FLINK_1);

        String loot = loot(analysis, "hostile-read-secrets");
        assertThat(loot).contains("CapInh:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "CapAmb:\t0000000000000000",
                "NoNewPrivs:\t1", "read /proc/net/dev -> OK lo\n");
        Matcher uid = Pattern.compile("Uid:\t(\\d+)").matcher(loot);
        Matcher map = Pattern.compile("uid_map -> OK (\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(loot);
        assertThat(uid.find() && map.find()).as(loot).isTrue();
        long inside = Long.parseLong(uid.group(1));
        long hostUser = Long.parseLong(map.group(2)) + inside - Long.parseLong(map.group(1));
        assertThat(hostUser).as("the worker's user on the host").isNotZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void reachesNoAddressOnLoopbackOrOutside(Isolation mechanism) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptAll(registry, connections), "fake-registry");
            acceptor.setDaemon(true);
            acceptor.start();

            JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("network"), FLINK_1);

            String loot = loot(analysis, "hostile-network");
            assertThat(loot).contains("connect to 127.0.0.1:8080", "connect to 1.1.1.1:443").doesNotContain("-> OK connected");
            assertThat(connections).as("connections to a port listening on this host's loopback").hasValue(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void cannotChangeItsOwnJarAfterItWasHashed(Isolation mechanism, @TempDir Path directory) throws Exception {
        Path jar = Files.copy(hostile("modify-own-jar"), directory.resolve("upload.jar"));
        String before = ArchiveScanner.sha256(jar);

        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(jar, FLINK_1);

        assertThat(loot(analysis, "hostile-modify-own-jar").lines())
                .hasSize(4).allMatch(line -> line.contains("-> DENIED"));
        assertThat(ArchiveScanner.sha256(jar)).isEqualTo(before).isEqualTo(analysis.jar().sha256());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void refusesAReportForgedOnStdoutStderrAndTheChannel(Isolation mechanism) throws Exception {
        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("forge-events"), FLINK_1);

        assertThat(analysis.factories()).extracting(FactoryReport::className).containsExactly(FORGER);
        assertThat(analysis.factories()).extracting(FactoryReport::identifier).containsOnlyNulls();
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_EXITED", "NO_LOADABLE_FACTORY");
        assertThat(Reports.finding(analysis, "WORKER_EXITED").message()).contains("exit status 0");
        assertThat(analysis.accepted()).isFalse();
    }

    /** What the hostile factory says it got: the description of its one option. */
    static String loot(JarAnalysis analysis, String identifier) {
        List<OptionReport> options = factory(analysis, identifier).options();
        assertThat(options).extracting(OptionReport::key).containsExactly("loot");
        return options.get(0).description();
    }

    /** Every regular file under the directory with its SHA-256, but the run directories, which come and go. */
    private static Map<Path, String> snapshot(Path directory) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                Path relative = directory.relativize(file);
                if (!relative.getName(0).toString().startsWith("run-")) {
                    files.put(relative, ArchiveScanner.sha256(file));
                }
            }
        }
        return files;
    }

    private static void acceptAll(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
