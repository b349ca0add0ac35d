package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 3 through the REST API: JARs whose factories attack the machine that analyses them
 * are analysed ({@code POST …/analysis}, which needs only the developer role and stores nothing)
 * and registered, and the registry's data is unchanged afterwards — every stored JAR still hashes
 * to its digest and is served as it was, the database holds what it held — while no answer shows
 * the server's secrets. (Each attack is proven against each isolation mechanism by the analyzer's
 * own tests; this shows the server uses them.)
 *
 * <p>Bad inputs tried: writing into the data directory and the Flink and worker JARs, reading the
 * server's environment and {@code /etc/passwd}, connecting to the registry's own port and out,
 * forking children and a double-forked grandchild, changing the uploaded JAR, forging the worker's
 * report, 140,000 service names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileJarsApiTest {

    private static final String WS = "/api/v1/workspaces/default";

    private RunningRegistry registry;
    private RegistryHttp http;
    private byte[] victim;
    private Map<String, String> blobsBefore;
    private String connectorsBefore;

    /** Server settings beyond the analysis timeout (the remote suite's: analyses in the analysis service). */
    Map<String, Object> settings() {
        return Map.of();
    }

    @BeforeAll
    void start() throws IOException {
        Map<String, Object> settings = new java.util.HashMap<>(settings());
        settings.put("registry.analysis.timeout", "20s");
        registry = RunningRegistry.startFresh(settings);
        http = registry.http();
        assertThat(http.postJar(WS + "/connectors?name=victim", TestJars.sequenceV1()).status()).isEqualTo(201);
        victim = Files.readAllBytes(TestJars.sequenceV1());
        blobsBefore = storedBlobs();
        connectorsBefore = http.get(WS + "/connectors").text();
        assertThat(http.get("/actuator/health").json().path("components").path("analysis").path("details")
                .path("isolated").asBoolean()).as("these tests run with isolation on").isTrue();
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    RegistryHttp http() {
        return http;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"write-files", "read-secrets", "network", "fork-child", "double-fork", "modify-own-jar",
            "forge-events", "many-service-names"})
    void anAnalysisOfAHostileJarLeavesTheRegistrysDataAsItWas(String attack) throws IOException {
        Answer answer = http.postJar(WS + "/analysis", TestJars.jar("hostile-" + attack + ".jar"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertNoSecretIn(answer.text());
        assertDataUnchanged();
        Await.until("no process the attack started outlives its analysis", Duration.ofSeconds(10),
                () -> survivors().isEmpty());
    }

    /** Processes with the hostile JARs' marker in their command line, anywhere on this machine. */
    private static List<String> survivors() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    return "";
                }
            }).filter(cmdline -> cmdline.contains("fcr-hostile-sleeper")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theLootOfAnAttackShowsItWasKeptInItsSandbox() {
        String writes = loot(http.postJar(WS + "/analysis", TestJars.jar("hostile-write-files.jar")));
        assertThat(writes).contains("-> DENIED");
        assertThat(writes.lines().filter(line -> line.contains("-> OK")))
                .allMatch(line -> line.contains("wrote /tmp/") || line.contains("wrote /proc/1/cwd/"));

        String network = loot(http.postJar(WS + "/analysis", TestJars.jar("hostile-network.jar")));
        assertThat(network).contains("connect to 127.0.0.1:").doesNotContain("-> OK connected");

        String secrets = loot(http.postJar(WS + "/analysis", TestJars.jar("hostile-read-secrets.jar")));
        assertThat(secrets).contains("read /proc/1/environ -> OK");
        assertNoSecretIn(secrets);
    }

    @Test
    void aForgedReportRegistersNothing() throws IOException {
        Answer registered = http.postJar(WS + "/connectors?name=forger", TestJars.jar("hostile-forge-events.jar"));

        assertThat(registered.status()).as(registered.text()).isEqualTo(422);
        assertThat(registered.json().path("code").asString()).isEqualTo("ANALYSIS_REFUSED");
        assertThat(http.get(WS + "/connectors/forger").status()).isEqualTo(404);
        assertDataUnchanged();
    }

    @Test
    void aJarThatAttacksButDeclaresARealFactoryIsRegisteredWithItsLootAndChangesNothingElse() throws IOException {
        Answer registered = http.postJar("/api/v1/workspaces/default/connectors?name=snoop",
                TestJars.jar("hostile-read-secrets.jar"));

        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertNoSecretIn(registered.text());
        assertNoSecretIn(http.get(WS + "/connectors/snoop").text());
        assertThat(http.delete(WS + "/connectors/snoop").status()).isEqualTo(204);
        assertDataUnchanged();
    }

    private void assertNoSecretIn(String text) {
        String canary = System.getenv("FCR_TEST_CANARY");
        assertThat(canary).as("surefire sets FCR_TEST_CANARY: run the tests with Maven").isNotBlank();
        assertThat(text).doesNotContain(canary).doesNotContain("root:x:0:0")
                .doesNotContain(registry.adminToken());
    }

    /** Every stored JAR hashes to its digest as before, the victim is served as it was, the list is the same. */
    private void assertDataUnchanged() throws IOException {
        Map<String, String> blobs = storedBlobs();
        assertThat(blobs).containsAllEntriesOf(blobsBefore);
        blobs.forEach((file, sha) -> assertThat(file).as("a stored JAR's name is its digest").startsWith(sha));
        assertThat(http.postJson("/api/v1/admin/scrub", "{}").json().path("corrupt")).isEmpty();
        assertThat(http.get(WS + "/connectors/victim/versions/1/jar").bytes()).isEqualTo(victim);
        assertThat(http.get(WS + "/connectors").text()).isEqualTo(connectorsBefore);
    }

    /** Each stored file's name and the SHA-256 of its bytes. */
    private Map<String, String> storedBlobs() throws IOException {
        Map<String, String> blobs = new TreeMap<>();
        try (Stream<Path> files = Files.walk(registry.dataDir().resolve("blobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                blobs.put(file.getFileName().toString(), RegistryApiTest.sha256(Files.readAllBytes(file)));
            }
        }
        return blobs;
    }

    /** The description of the attacking factory's one option: what its attempts came to. */
    private static String loot(Answer analysis) {
        assertThat(analysis.status()).as(analysis.text()).isEqualTo(200);
        List<JsonNode> options = analysis.json().path("factories").valueStream()
                .flatMap(f -> f.path("options").valueStream()).filter(o -> o.path("key").asString().equals("loot"))
                .toList();
        assertThat(options).as(analysis.text()).hasSize(1);
        return options.get(0).path("description").asString();
    }
}
