package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Analysing a JAR without registering it ({@code POST …/analysis}, the "parse, then confirm" step
 * of a console): the analysis comes back, even for a broken JAR, each finding says whether it
 * refuses registration and whether an admin may accept it; with {@code ?connector} the answer
 * previews the update's compatibility diff; and nothing is stored.
 *
 * <p>Bad inputs tried: a JAR whose factory's static initialiser throws, a file that is not a ZIP,
 * a JAR declaring one identifier twice, an unsupported Flink version (1.18), an unknown workspace
 * with and without {@code ?flinkVersion}, a raw body without a file name, an unknown connector to
 * preview, a preview of a breaking update.
 */
abstract class AnalysisApiTest extends RegistryApiTest {

    @Test
    void analysesRawJarAndStoresNothing() throws IOException {
        String workspace = newWorkspace();
        List<Path> blobsBefore = storedBlobs();

        Answer answer = http.postJar(workspace + "/analysis", TestJars.sequenceV1());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode analysis = answer.json();
        assertThat(analysis.path("accepted").asBoolean()).isTrue();
        assertThat(analysis.path("flinkVersion").asString()).isEqualTo("1.20");
        assertThat(analysis.path("jar").path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.sequenceV1())));
        JsonNode factory = analysis.path("factories").get(0);
        assertThat(factory.path("identifier").asString()).isEqualTo("sequence");
        assertThat(factory.path("capabilities").toString()).contains("source", "lookup");
        assertThat(each(factory.path("options"), "key")).contains("number-of-rows", "start");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
        assertThat(storedBlobs()).isEqualTo(blobsBefore);
    }

    @Test
    void analysesMultipartFormUnderItsFileName() throws IOException {
        String workspace = newWorkspace();
        List<Path> blobsBefore = storedBlobs();
        Multipart form = new Multipart().file("file", "psv-format-1.0.jar", bytes(TestJars.psvFormat()));

        Answer answer = http.post(workspace + "/analysis", form.contentType(), form.bytes());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asBoolean()).isTrue();
        assertThat(answer.json().path("jar").path("fileName").asString()).isEqualTo("psv-format-1.0.jar");
        assertThat(each(answer.json().path("factories"), "identifier")).containsExactly("psv");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
        assertThat(storedBlobs()).isEqualTo(blobsBefore);
    }

    @Test
    void analysisOfBrokenJarAnswersWithItsFindings() {
        String workspace = newWorkspace();

        Answer staticInit = http.postJar(workspace + "/analysis", TestJars.jar("broken-static-init-throws.jar"));
        Answer notZip = http.postJar(workspace + "/analysis", TestJars.jar("broken-not-a-zip.jar"));

        assertThat(staticInit.status()).as(staticInit.text()).isEqualTo(200);
        assertThat(staticInit.json().path("accepted").asBoolean()).isFalse();
        assertThat(each(staticInit.json().path("findings"), "code")).contains("FACTORY_STATIC_INIT_FAILED");
        assertThat(notZip.status()).as(notZip.text()).isEqualTo(200);
        assertThat(notZip.json().path("accepted").asBoolean()).isFalse();
        assertThat(each(notZip.json().path("findings"), "code")).contains("ARCHIVE_NOT_ZIP");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @Test
    void analysesForAnotherSupportedFlinkVersionOnRequest() {
        Answer answer = http.postJar(RegistryHttp.DEFAULT + "/analysis?flinkVersion=2.2", TestJars.rowFileSink());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("flinkVersion").asString()).isEqualTo("2.2");
        assertThat(answer.json().path("flinkRelease").asString()).startsWith("2.2");
        assertProblem(http.postJar(RegistryHttp.DEFAULT + "/analysis?flinkVersion=1.18", TestJars.rowFileSink()), 400,
                "UNSUPPORTED_FLINK_VERSION");
    }

    @Test
    void analysisInUnknownWorkspaceIsNotFoundWhateverTheFlinkVersion() {
        assertProblem(http.postJar(WORKSPACES + "/nowhere/analysis", TestJars.psvFormat()), 404, "WORKSPACE_NOT_FOUND");
        assertProblem(http.postJar(WORKSPACES + "/nowhere/analysis?flinkVersion=2.2", TestJars.psvFormat()), 404,
                "WORKSPACE_NOT_FOUND");
    }

    @Test
    void rawUploadWithoutFileNameDoesNotReportTheScratchFileName() {
        String workspace = newWorkspace();

        Answer analysis = http.postJar(workspace + "/analysis", TestJars.psvFormat());
        JsonNode version = registered(workspace, "psv", TestJars.psvFormat());

        assertThat(analysis.json().path("jar").path("fileName").asString("")).doesNotEndWith(".part");
        assertThat(version.path("analysis").path("jar").path("fileName").asString("")).doesNotEndWith(".part");
    }

    @Test
    void findingsSayWhetherTheyRefuseRegistrationAndWhetherAnAdminMayAcceptThem() throws IOException {
        String workspace = newWorkspace();
        Path undeclared = JarVariants.withUndeclaredFactories(Files.createTempDirectory("analysis-").resolve("u.jar"),
                TestJars.psvFormat(), TestJars.rowFileSink());

        JsonNode staticInit = finding(http.postJar(workspace + "/analysis", TestJars.jar("broken-static-init-throws.jar")),
                "FACTORY_STATIC_INIT_FAILED");
        JsonNode notZip = finding(http.postJar(workspace + "/analysis", TestJars.jar("broken-not-a-zip.jar")),
                "ARCHIVE_NOT_ZIP");
        JsonNode duplicate = finding(http.postJar(workspace + "/analysis", TestJars.jar("broken-duplicate-identifier.jar")),
                "DUPLICATE_IDENTIFIER");
        JsonNode warning = finding(http.postJar(workspace + "/analysis", undeclared), "FACTORY_NOT_DECLARED");

        assertThat(flags(staticInit)).as("an error an admin may accept").containsExactly("ERROR", true, true);
        assertThat(flags(notZip)).as("an error nobody may accept").containsExactly("ERROR", true, false);
        assertThat(flags(duplicate)).as("an error that only makes one pair unusable").containsExactly("ERROR", false, false);
        assertThat(flags(warning)).as("a warning").containsExactly("WARNING", false, false);
    }

    @Test
    void storedVersionsAndRefusalsCarryTheSameFlagsOnTheirFindings() throws IOException {
        String workspace = newWorkspace();
        Path undeclared = JarVariants.withUndeclaredFactories(Files.createTempDirectory("analysis-").resolve("u.jar"),
                TestJars.psvFormat(), TestJars.rowFileSink());
        registered(workspace, "with-undeclared", undeclared);

        JsonNode stored = http.get(workspace + "/connectors/with-undeclared/versions/1").json().path("analysis");
        JsonNode refused = assertProblem(register(workspace, "broken", TestJars.jar("broken-static-init-throws.jar")),
                422, "ANALYSIS_REFUSED");

        assertThat(flags(codeOf(stored.path("findings"), "FACTORY_NOT_DECLARED"))).containsExactly("WARNING", false, false);
        assertThat(flags(codeOf(refused.path("findings"), "FACTORY_STATIC_INIT_FAILED")))
                .containsExactly("ERROR", true, true);
    }

    @Test
    void previewsTheDiffTheUpdateThenReports() throws IOException {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        List<Path> blobsBefore = storedBlobs();

        Answer preview = http.postJar(workspace + "/analysis?connector=sequence", TestJars.sequenceV2());

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.json().path("accepted").asBoolean()).isTrue();
        assertThat(preview.json().path("breaking").asBoolean()).isFalse();
        JsonNode diff = preview.json().path("diff");
        assertThat(diff.path("from").asInt()).isEqualTo(1);
        assertThat(diff.path("to").isNull()).isTrue();
        assertThat(each(diff.path("optionsAdded"), "key")).containsExactly("step");
        assertThat(storedBlobs()).isEqualTo(blobsBefore);
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(1);

        Answer update = update(workspace, "sequence", TestJars.sequenceV2());

        assertThat(update.status()).as(update.text()).isEqualTo(201);
        assertThat(withoutTo(update.json().path("diff"))).isEqualTo(withoutTo(diff));
    }

    @Test
    void previewFlagsABreakingUpdateWithTheDiffItsRefusalCarries() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV2());

        Answer preview = http.postJar(workspace + "/analysis?connector=sequence", TestJars.sequenceV1());
        JsonNode refusal = assertProblem(update(workspace, "sequence", TestJars.sequenceV1()), 409, "BREAKING_CHANGE");

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.json().path("breaking").asBoolean()).isTrue();
        assertThat(each(preview.json().path("diff").path("optionsRemoved"), "key")).containsExactly("step");
        assertThat(preview.json().path("diff")).isEqualTo(refusal.path("diff"));
    }

    @Test
    void previewOfUnknownConnectorIsNotFoundAndPlainAnalysisHasNoDiff() {
        String workspace = newWorkspace();

        assertProblem(http.postJar(workspace + "/analysis?connector=nothing", TestJars.sequenceV1()), 404,
                "CONNECTOR_NOT_FOUND");
        assertProblem(http.postJar(WORKSPACES + "/nowhere/analysis?connector=nothing", TestJars.sequenceV1()), 404,
                "WORKSPACE_NOT_FOUND");
        JsonNode plain = http.postJar(workspace + "/analysis", TestJars.sequenceV1()).json();
        assertThat(plain.has("diff")).isFalse();
        assertThat(plain.has("breaking")).isFalse();
    }

    private static JsonNode finding(Answer analysis, String code) {
        assertThat(analysis.status()).as(analysis.text()).isEqualTo(200);
        return codeOf(analysis.json().path("findings"), code);
    }

    private static JsonNode codeOf(JsonNode findings, String code) {
        return findings.valueStream().filter(f -> f.path("code").asString().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + code + " in " + findings));
    }

    /** Severity, then whether it refuses, then whether it may be accepted. */
    private static List<Object> flags(JsonNode finding) {
        assertThat(finding.path("refuses").isBoolean()).as("refuses of %s", finding).isTrue();
        assertThat(finding.path("acceptable").isBoolean()).as("acceptable of %s", finding).isTrue();
        return List.of(finding.path("severity").asString(), finding.path("refuses").asBoolean(),
                finding.path("acceptable").asBoolean());
    }

    /** The update numbers the version it creates; the preview cannot. */
    private static JsonNode withoutTo(JsonNode diff) {
        ObjectNode copy = ((ObjectNode) diff).deepCopy();
        copy.remove("to");
        return copy;
    }
}
