package dev.flinkregistry.analysisservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analysisservice.RunningService.Answer;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The service's HTTP API with a real analyzer behind it: a JAR sent as the body comes back analysed
 * as the registry stores analyses, the runtimes and the isolation are there for the server, and every
 * bad input gets a problem document with a stable code.
 *
 * <p>Bad inputs tried: no Authorization header, a wrong token, a Basic credential, the token without
 * "Bearer"; an empty body, a text/plain and a JSON body, a body over max-jar-size with and without
 * a Content-Length, bytes that are no ZIP; no flinkVersion, flinkVersion 1.18; a sha256 that is not the
 * bytes', one that is not hexadecimal; a 300-character fileName; an unknown path, a GET of the upload path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisServiceApiTest {

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of("registry.analysis.max-jar-size", "1MB"));
        Await.until("the isolation probe passed", Duration.ofSeconds(60),
                () -> service.get("/actuator/health/readiness", null).status() == 200);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void analysesTheJarSentAsTheBodyUnderItsFileName() throws Exception {
        Path jar = TestJars.sequenceV1();

        Answer answer = service.analyze(jar, "flinkVersion=1.20&fileName=sequence-1.0.jar&sha256=" + sha256(jar));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode analysis = answer.json();
        assertThat(analysis.path("accepted").asBoolean()).isTrue();
        assertThat(analysis.path("flinkVersion").asString()).isEqualTo("1.20");
        assertThat(analysis.path("jar").path("fileName").asString()).isEqualTo("sequence-1.0.jar");
        assertThat(analysis.path("jar").path("sha256").asString()).isEqualTo(sha256(jar));
        assertThat(analysis.path("factories").get(0).path("identifier").asString()).isEqualTo("sequence");
        assertThat(incomingFiles()).as("the received JAR goes with its request").isEmpty();
    }

    @Test
    void answersTheRuntimeAndTheIsolationTheServerNeeds() {
        JsonNode runtime = service.get("/v1/runtimes/2.2", RunningService.TOKEN).json();
        JsonNode isolation = service.get("/v1/isolation", RunningService.TOKEN).json();

        assertThat(runtime.path("release").asString()).startsWith("2.2.");
        assertThat(runtime.path("builtinFactories").valueStream().map(f -> f.path("identifier").asString()))
                .contains("datagen", "print", "blackhole");
        assertThat(isolation.path("available").asBoolean()).isTrue();
        assertThat(isolation.path("isolated").asBoolean()).isTrue();
        assertThat(isolation.path("mechanism").asString()).isIn("UNSHARE", "BUBBLEWRAP");
        assertProblem(service.get("/v1/runtimes/1.18", RunningService.TOKEN), 400, "UNSUPPORTED_FLINK_VERSION");
    }

    @Test
    void refusesEveryCallWithoutTheTokenButTheHealthProbes() {
        String jar = "/v1/analyses?flinkVersion=1.20";
        assertProblem(service.get("/v1/isolation", null), 401, "UNAUTHENTICATED");
        assertProblem(service.get("/v1/isolation", "not-the-token-0123456789-abcdefghijklmnopq"), 401,
                "UNAUTHENTICATED");
        assertProblem(service.send(service.request("/v1/runtimes/1.20", null)
                .header("Authorization", "Basic " + RunningService.TOKEN).GET().build()), 401, "UNAUTHENTICATED");
        assertProblem(service.send(service.request("/v1/runtimes/1.20", null)
                .header("Authorization", RunningService.TOKEN).GET().build()), 401, "UNAUTHENTICATED");
        Answer upload = service.post(jar, null, "application/java-archive", BodyPublishers.ofByteArray(new byte[] {1}));
        assertProblem(upload, 401, "UNAUTHENTICATED");
        assertThat(upload.header("WWW-Authenticate")).startsWith("Bearer");

        assertThat(service.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(service.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(service.get("/actuator/health", null).body()).doesNotContain("reason");
    }

    @Test
    void refusesBodiesThatAreNoJarToAnalyse() {
        String path = "/v1/analyses?flinkVersion=1.20";
        String token = RunningService.TOKEN;
        assertProblem(service.post(path, token, "application/java-archive", BodyPublishers.noBody()), 400, "MISSING_JAR");
        assertProblem(service.post(path, token, "text/plain", BodyPublishers.ofString("hello")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(service.post(path, token, "application/json", BodyPublishers.ofString("{}")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        byte[] overSize = TestJars.bytes(1024 * 1024 + 1, 7);
        assertProblem(service.post(path, token, "application/java-archive", BodyPublishers.ofByteArray(overSize)), 413,
                "JAR_TOO_LARGE");
        assertProblem(service.post(path, token, "application/java-archive", BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(overSize))), 413, "JAR_TOO_LARGE");
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void aFileThatIsNoZipIsAnalysedAsTheLocalAnalyzerDoes() {
        Answer answer = service.analyze(TestJars.broken("not-a-zip"), "flinkVersion=1.20");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asBoolean()).isFalse();
        assertThat(answer.json().path("findings").valueStream().map(f -> f.path("code").asString()))
                .contains("ARCHIVE_NOT_ZIP");
    }

    @Test
    void refusesBadParametersWithTheirCodes() throws Exception {
        Path jar = TestJars.psvFormat();
        assertProblem(service.analyze(jar, "fileName=x.jar"), 400, "INVALID_REQUEST");
        assertProblem(service.analyze(jar, "flinkVersion=1.18"), 400, "UNSUPPORTED_FLINK_VERSION");
        assertProblem(service.analyze(jar, "flinkVersion=1.20&sha256=" + "0".repeat(64)), 422, "CHECKSUM_MISMATCH");
        assertProblem(service.analyze(jar, "flinkVersion=1.20&sha256=xyz"), 400, "INVALID_REQUEST");
        assertProblem(service.analyze(jar, "flinkVersion=1.20&fileName=" + "a".repeat(300)), 400, "INVALID_REQUEST");
        assertProblem(service.get("/v1/nothing", RunningService.TOKEN), 404, "NOT_FOUND");
        assertProblem(service.get("/v1/analyses", RunningService.TOKEN), 405, "METHOD_NOT_ALLOWED");
        assertThat(service.analyze(jar, "flinkVersion=1.20&sha256=" + sha256(jar).toUpperCase()).status())
                .as("a digest in upper case is the same digest").isEqualTo(200);
    }

    private static JsonNode assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).as(answer.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    private java.util.List<Path> incomingFiles() {
        try (Stream<Path> files = Files.list(service.workDir().resolve("incoming"))) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
