package dev.flinkregistry.analysisservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analysisservice.RunningService.Answer;
import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;

/**
 * The analyzer's broken and hostile corpus sent through the service's HTTP API gets the verdict the
 * local analyzer gives the same JAR: accepted or not, the same finding codes, the same factories
 * loaded or failed with the same codes; and no answer shows a secret of the service's process.
 *
 * <p>JARs tried: a static initialiser that throws, a missing class, System.exit, a factory that never
 * returns, unbounded allocation, an identifier declared twice, no ZIP, a zip bomb, path traversal;
 * writing files, reading secrets, the network, a forked child, a double fork, a fork bomb, changing its
 * own JAR, a forged report, 140,000 service names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileJarsThroughServiceTest {

    private RunningService service;
    private JarAnalyzer local;
    private Path localWork;

    @BeforeAll
    void start() throws Exception {
        service = RunningService.start(Map.of("registry.analysis.timeout", "10s", "registry.analysis.warm-workers", "0"));
        localWork = Files.createTempDirectory("local-analyzer-");
        local = new JarAnalyzer(AnalyzerSettings.defaults().withWorkerTimeout(Duration.ofSeconds(10))
                .withWorkerMemory(256, 256).withWorkDirectory(localWork).withWarmWorkers(0));
        Await.until("the service's isolation probe passed", Duration.ofSeconds(60),
                () -> service.get("/actuator/health/readiness", null).status() == 200);
    }

    @AfterAll
    void stop() {
        service.close();
        local.close();
        FileSystemUtils.deleteRecursively(localWork.toFile());
    }

    @ParameterizedTest(name = "broken/{0}")
    @ValueSource(strings = {"static-init-throws", "missing-class", "system-exit", "never-returns",
            "unbounded-allocation", "duplicate-identifier", "not-a-zip", "zip-bomb", "path-traversal"})
    void brokenJarGetsTheLocalVerdict(String name) throws Exception {
        assertSameVerdict(TestJars.broken(name));
    }

    @ParameterizedTest(name = "hostile/{0}")
    @ValueSource(strings = {"write-files", "read-secrets", "network", "fork-child", "double-fork", "fork-bomb",
            "modify-own-jar", "forge-events", "many-service-names"})
    void hostileJarGetsTheLocalVerdict(String name) throws Exception {
        assertSameVerdict(TestJars.hostile(name));
    }

    private void assertSameVerdict(Path jar) throws Exception {
        JarAnalysis expected = local.analyze(jar, "1.20");

        Answer answer = service.analyze(jar, "flinkVersion=1.20&sha256=" + AnalysisServiceApiTest.sha256(jar));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String canary = System.getenv("FCR_TEST_CANARY");
        assertThat(canary).as("surefire sets FCR_TEST_CANARY: run the tests with Maven").isNotBlank();
        assertThat(answer.body()).doesNotContain(canary).doesNotContain("root:x:0:0")
                .doesNotContain(RunningService.TOKEN);
        JarAnalysis remote = RunningService.JSON.readValue(answer.body(), JarAnalysis.class);
        assertThat(remote.accepted()).as(answer.body()).isEqualTo(expected.accepted());
        assertThat(codes(remote)).as(answer.body()).isEqualTo(codes(expected));
        assertThat(factories(remote)).isEqualTo(factories(expected));
        assertThat(remote.jar().sha256()).isEqualTo(expected.jar().sha256());
    }

    private static List<String> codes(JarAnalysis analysis) {
        return analysis.findings().stream().map(Finding::code).sorted().toList();
    }

    /** Each factory: class, identifier, and why it failed (the failure's code), or that it loaded. */
    private static List<String> factories(JarAnalysis analysis) {
        return analysis.factories().stream().map((FactoryReport f) -> f.className() + " " + f.identifier() + " "
                + (f.loaded() ? "loaded" : f.failure().code())).sorted().toList();
    }
}
