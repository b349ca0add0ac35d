package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The resolve answer's job-level findings: the JARs one job receives, checked as Flink sees them on
 * one class path. What can really happen within a workspace's one-owner rule: a JAR that declares a
 * pair twice registers its other identifiers and leaves that pair unclaimed, so another connector
 * may claim it, and a job that needs both JARs then holds three factories for it; two JARs bundling
 * the same class without relocating it; a JAR built for Flink 1.20 in a Flink 2.2 workspace.
 */
abstract class JobChecksApiTest extends RegistryApiTest {

    private static final String TWIN_ONE = "dev.flinkregistry.samples.broken.duplicate.TwinOneFactory";

    private String workspace;
    private String dupesSha;
    private String twinSha;

    @BeforeAll
    void registerClashingConnectors() throws IOException {
        workspace = newWorkspace();
        Path jars = Files.createTempDirectory("job-checks-");
        Path twins = TestJars.jar("broken-duplicate-identifier.jar");
        // 'twin' twice (unusable, unclaimed) and 'sequence'.
        Path dupes = JarVariants.merged(jars.resolve("dupes.jar"), List.of(twins, TestJars.sequenceV1()));
        dupesSha = registered(workspace, "dupes", dupes).path("sha256").asString();
        // The same classes, declaring TwinOneFactory alone, with the row-file sink: this connector claims
        // 'twin' and 'row-file'.
        Path twinOnly = onlyDeclaring(twins, TWIN_ONE, jars.resolve("twin-only.jar"));
        Path twin = JarVariants.merged(jars.resolve("twin.jar"), List.of(twinOnly, TestJars.rowFileSink()));
        twinSha = registered(workspace, "twin", twin).path("sha256").asString();
    }

    @Test
    void aJobUsingAnIdentifierTwoOfItsJarsAnswerToGetsAnError() {
        JsonNode resolution = resolved(List.of("twin", "sequence"));

        JsonNode duplicate = finding(resolution, "JOB_DUPLICATE_IDENTIFIER");
        assertThat(duplicate.path("severity").asString()).isEqualTo("error");
        assertThat(duplicate.path("message").asString())
                .contains("'twin'", "Multiple factories for identifier 'twin'", "this job uses it", "twin-1.jar", "dupes-1.jar");
        assertThat(strings(duplicate.path("jars"))).containsExactlyInAnyOrder(twinSha, dupesSha);
        assertThat(resolution.path("findings").get(0).path("severity").asString()).isEqualTo("error");
    }

    @Test
    void theSameUnrelocatedClassInTwoJarsIsAWarningNamingIt() {
        JsonNode resolution = resolved(List.of("twin", "sequence"));

        JsonNode classes = finding(resolution, "JOB_DUPLICATE_CLASSES");
        assertThat(classes.path("severity").asString()).isEqualTo("warning");
        // Both bundle the echo source's classes and both twins: 5 of them, the first three named.
        assertThat(classes.path("message").asString()).contains("both contain 5 classes",
                "dev.flinkregistry.samples.broken.common.EchoLookupFunction", "class path");
        assertThat(strings(classes.path("jars"))).containsExactlyInAnyOrder(twinSha, dupesSha);
        // The pair's shared classes are remembered: the next resolve says exactly the same.
        assertThat(finding(resolved(List.of("twin", "sequence")), "JOB_DUPLICATE_CLASSES")).isEqualTo(classes);
    }

    @Test
    void anIdentifierTheJobDoesNotUseIsOnlyAWarning() {
        JsonNode resolution = resolved(List.of("row-file", "sequence"));

        assertThat(resolution.path("jars").size()).isEqualTo(2);
        JsonNode duplicate = finding(resolution, "JOB_DUPLICATE_IDENTIFIER");
        assertThat(duplicate.path("severity").asString()).isEqualTo("warning");
        assertThat(duplicate.path("message").asString()).contains("'twin'", "this job does not use it");
    }

    @Test
    void oneJarAloneHasNoJobFindingsEvenWhenItDeclaresAPairTwice() {
        assertThat(resolved(List.of("sequence")).path("findings").isEmpty()).isTrue();
        assertThat(resolved(List.of("twin")).path("findings").isEmpty()).isTrue();
    }

    @Test
    void aJarBuiltForAnotherFlinkMajorIsAWarning() {
        String flink2 = newWorkspace("2.2");
        // Inferred from the Flink classes it references: only Flink 1.20 has them.
        JsonNode version = registered(flink2, "row-file", TestJars.rowFileSink());
        String builtFor = version.path("analysis").path("builtFor").path("flinkVersion").asString();
        assertThat(builtFor).startsWith("1.");

        Answer answer = http.postJson(flink2 + "/resolve", body("identifiers", List.of(Map.of("identifier", "row-file"))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode major = finding(answer.json(), "JOB_OTHER_FLINK_MAJOR");
        assertThat(major.path("severity").asString()).isEqualTo("warning");
        assertThat(major.path("message").asString()).contains("row-file-1.jar", "Flink " + builtFor, "Flink 2.2");
        assertThat(strings(major.path("jars"))).containsExactly(version.path("sha256").asString());
    }

    @Test
    void jarsBuiltForTheWorkspacesMajorHaveNoMajorFinding() {
        JsonNode resolution = resolved(List.of("row-file"));
        assertThat(resolution.path("findings").isEmpty()).as(resolution.toString()).isTrue();
    }

    private JsonNode resolved(List<String> identifiers) {
        Answer answer = http.postJson(workspace + "/resolve",
                body("identifiers", identifiers.stream().map(i -> Map.of("identifier", i)).toList()));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode finding(JsonNode resolution, String code) {
        return resolution.path("findings").valueStream().filter(f -> f.path("code").asString().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " in " + resolution));
    }

    /** A copy of the JAR whose services file declares only {@code factory}. */
    private static Path onlyDeclaring(Path source, String factory, Path target) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("META-INF/services/")) {
                    out.write((factory + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
