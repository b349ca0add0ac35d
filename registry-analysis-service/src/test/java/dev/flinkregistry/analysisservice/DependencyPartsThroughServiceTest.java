package dev.flinkregistry.analysisservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analysisservice.RunningService.Answer;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A JAR analysed with its dependency JARs, sent as a {@code multipart/form-data} form: the thin
 * connector {@code needs-driver} loads only with {@code echo-driver} on its class path, as in the
 * registry server's own workers.
 *
 * <p>Hostile forms tried (each a problem document with a stable code, and nothing left in
 * {@code work-dir/incoming}): no token; one dependency more than max-dependencies, and ten more (cut by
 * the parser while streaming); a dependency part over max-jar-size; dependencies larger together than
 * max-dependencies-size; a dependency that is no ZIP, a zip bomb, one with unsafe entry names, one declaring Flink factories; no
 * {@code jar} part, an empty one, two of them, a part of another name; a part whose file name is a path
 * ({@code ../../etc/cron.d/x.jar}, {@code ..}); a wrong dependencySha256 and a wrong count of
 * them; a form without a boundary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyPartsThroughServiceTest {

    private static final Path CONNECTOR = TestJars.broken("needs-driver");
    private static final Path DRIVER = TestJars.broken("echo-driver");
    private static final String PATH = "/v1/analyses?flinkVersion=1.20";

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of("registry.analysis.max-jar-size", "1MB",
                "registry.analysis.max-dependencies", "2", "registry.analysis.max-dependencies-size", "1500KB"));
        Await.until("the isolation probe passed", Duration.ofSeconds(60),
                () -> service.get("/actuator/health/readiness", null).status() == 200);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @AfterEach
    void nothingIsLeftInTheScratch() {
        assertThat(incomingFiles()).as("received parts go with their request").isEmpty();
    }

    @Test
    void aFactoryLoadsWithTheDependencyItNeedsOnItsClassPath() throws Exception {
        Answer alone = post(PATH, new Form().file("jar", "needs-driver.jar", bytes(CONNECTOR)));
        Answer withDriver = post(PATH + "&fileName=echo-1.jar&sha256=" + AnalysisServiceApiTest.sha256(CONNECTOR)
                + "&dependencySha256=" + AnalysisServiceApiTest.sha256(DRIVER),
                new Form().file("jar", "needs-driver.jar", bytes(CONNECTOR))
                        .file("dependency", "echo-driver.jar", bytes(DRIVER)));

        assertThat(alone.status()).as(alone.body()).isEqualTo(200);
        assertThat(alone.json().path("accepted").asBoolean()).isFalse();
        assertThat(alone.json().path("factories").get(0).path("loaded").asBoolean()).isFalse();
        assertThat(withDriver.status()).as(withDriver.body()).isEqualTo(200);
        JsonNode analysis = withDriver.json();
        assertThat(analysis.path("accepted").asBoolean()).isTrue();
        assertThat(analysis.path("jar").path("fileName").asString()).isEqualTo("echo-1.jar");
        assertThat(analysis.path("jar").path("sha256").asString()).isEqualTo(AnalysisServiceApiTest.sha256(CONNECTOR));
        assertThat(analysis.path("factories").get(0).path("identifier").asString()).isEqualTo("driver-backed");
    }

    @Test
    void refusesFormsWithTooManyOrTooLargeParts() {
        Form three = new Form().file("jar", "c.jar", bytes(CONNECTOR));
        Form twelve = new Form().file("jar", "c.jar", bytes(CONNECTOR));
        for (int i = 0; i < 3; i++) {
            three.file("dependency", "d" + i + ".jar", withEntry(DRIVER, i));
        }
        for (int i = 0; i < 12; i++) {
            twelve.file("dependency", "d" + i + ".jar", withEntry(DRIVER, i));
        }
        byte[] overSize = TestJars.bytes(1024 * 1024 + 1, 3);
        byte[] large = TestJars.bytes(800 * 1024, 5);

        assertProblem(post(PATH, three), 413, "TOO_MANY_DEPENDENCIES");
        assertProblem(post(PATH, twelve), 413, "TOO_MANY_DEPENDENCIES");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", bytes(CONNECTOR)).file("dependency", "big.jar",
                overSize)), 413, "JAR_TOO_LARGE");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", bytes(CONNECTOR)).file("dependency", "a.jar", large)
                .file("dependency", "b.jar", large)), 413, "DEPENDENCIES_TOO_LARGE");
    }

    @Test
    void checksEachDependencyAsTheServerDoesBeforeAnythingRuns() {
        assertProblem(post(PATH, withDependency(TestJars.broken("not-a-zip"))), 422, "DEPENDENCY_UNSAFE");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", bytes(CONNECTOR)).file("dependency", "bomb.jar",
                zipBomb())), 422, "DEPENDENCY_UNSAFE");
        assertProblem(post(PATH, withDependency(TestJars.broken("path-traversal"))), 422, "DEPENDENCY_UNSAFE");
        assertProblem(post(PATH, withDependency(TestJars.sequenceV1())), 422, "DEPENDENCY_HAS_FACTORIES");
    }

    @Test
    void refusesFormsTheRegistryServerNeverSends() throws Exception {
        byte[] connector = bytes(CONNECTOR);
        assertProblem(post(PATH, new Form().file("dependency", "d.jar", bytes(DRIVER))), 400, "MISSING_JAR");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", new byte[0])), 400, "MISSING_JAR");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", connector).file("jar", "c.jar", connector)), 400,
                "UNEXPECTED_PART");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", connector).file("extra", "x.jar", connector)), 400,
                "UNEXPECTED_PART");
        assertProblem(post(PATH, new Form().file("jar", "c.jar", connector)
                .file("dependency", "../../etc/cron.d/x.jar", bytes(DRIVER))), 400, "INVALID_FILE_NAME");
        assertProblem(post(PATH, new Form().file("jar", "..", connector)), 400, "INVALID_FILE_NAME");
        assertProblem(post(PATH + "&dependencySha256=" + "0".repeat(64), withDependency(DRIVER)), 422,
                "CHECKSUM_MISMATCH");
        assertProblem(post(PATH + "&dependencySha256=" + AnalysisServiceApiTest.sha256(DRIVER) + "&dependencySha256="
                + AnalysisServiceApiTest.sha256(DRIVER), withDependency(DRIVER)), 400, "INVALID_REQUEST");
        assertProblem(service.post(PATH, RunningService.TOKEN, "multipart/form-data",
                BodyPublishers.ofByteArray(connector)), 400, "MALFORMED_REQUEST");
        Form form = withDependency(DRIVER);
        Answer anonymous = service.post(PATH, null, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));
        assertProblem(anonymous, 401, "UNAUTHENTICATED");
    }

    private Answer post(String path, Form form) {
        return service.post(path, RunningService.TOKEN, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));
    }

    private static Form withDependency(Path dependency) {
        return new Form().file("jar", "c.jar", bytes(CONNECTOR)).file("dependency", "d.jar", bytes(dependency));
    }

    /** The driver with one more entry: other bytes, still a safe archive without factories. */
    private static byte[] withEntry(Path jar, int n) {
        try (var out = new ByteArrayOutputStream();
             var zip = new java.util.zip.ZipOutputStream(out);
             var in = new java.util.zip.ZipInputStream(Files.newInputStream(jar))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(zip);
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("extra-" + n + ".txt"));
            zip.write(n);
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 64 MiB of zeros in one entry, about 64 KiB compressed: far over the analyzer's ratio of 100. */
    private static byte[] zipBomb() {
        try (var out = new ByteArrayOutputStream(); var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).as(answer.body()).isEqualTo(code);
    }

    private List<Path> incomingFiles() {
        try (Stream<Path> files = Files.list(service.workDir().resolve("incoming"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart/form-data body of file parts, built in memory (test inputs are small). */
    private static final class Form {
        private final String boundary = "fcr-test-boundary-7d1f";
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Form file(String name, String fileName, byte[] content) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(body.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
