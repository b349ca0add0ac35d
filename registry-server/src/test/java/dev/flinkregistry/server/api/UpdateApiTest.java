package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Updating a connector with new bytes (DESIGN rules 4 and 6): new versions with their diff,
 * idempotent re-uploads, breaking changes refused unless forced, and diffs between any two versions.
 *
 * <p>Bad inputs tried: an update that drops an option (v1 rebuilt with other bytes, after v2), the
 * bytes of an older version again (with and without force), a broken JAR as an update, an update
 * offering an identifier another connector owns, three identical updates at once, an unknown
 * connector and workspace, a diff with an unknown version, without {@code to} and with a
 * {@code to} that is not a number.
 */
abstract class UpdateApiTest extends RegistryApiTest {

    private Path scratch;
    private Path rebuiltV1;

    @BeforeAll
    void rebuildVersionOne() throws IOException {
        scratch = Files.createTempDirectory("registry-api-jars-");
        rebuiltV1 = withExtraEntry(TestJars.sequenceV1(), scratch);
    }

    @AfterAll
    void deleteRebuiltJars() throws IOException {
        FileSystemUtils.deleteRecursively(scratch);
    }

    @Test
    void updateWithNewOptionBecomesCurrentVersionTwoWithItsDiff() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        Answer answer = update(workspace, "sequence", TestJars.sequenceV2());

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo(workspace + "/connectors/sequence/versions/2");
        assertThat(answer.json().path("created").asBoolean()).isTrue();
        assertThat(answer.json().path("version").path("version").asInt()).isEqualTo(2);
        assertThat(answer.json().path("version").path("current").asBoolean()).isTrue();
        JsonNode diff = answer.json().path("diff");
        assertThat(diff.path("from").asInt()).isEqualTo(1);
        assertThat(diff.path("to").asInt()).isEqualTo(2);
        assertThat(each(diff.path("optionsAdded"), "key")).containsExactly("step");
        assertThat(diff.path("optionsAdded").get(0).path("after").path("required").asBoolean()).isFalse();
        assertThat(diff.path("breakingChanges").isEmpty()).isTrue();
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(2);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(2);
        assertThat(http.get(workspace + "/connectors/sequence/versions/1").json().path("current").asBoolean()).isFalse();
    }

    @Test
    void uploadingTheCurrentBytesAgainCreatesNothing() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        update(workspace, "sequence", TestJars.sequenceV2());

        Answer again = update(workspace, "sequence", TestJars.sequenceV2());

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.header("Location")).isNull();
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(again.json().path("version").path("version").asInt()).isEqualTo(2);
        assertThat(again.json().path("diff").path("breakingChanges").isEmpty()).isTrue();
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(2);
    }

    /**
     * Identical bytes are recognised before any compatibility check (rule 4): the bytes of version 1
     * return version 1 (200, created=false) with or without force, nothing is created, current stays
     * at 2, and as nothing changed the diff reports no breaking change. Rolling back is PUT …/current.
     */
    @Test
    void uploadingAnOlderVersionsBytesReturnsThatVersionWithoutMovingCurrent() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        update(workspace, "sequence", TestJars.sequenceV2());

        Answer plain = update(workspace, "sequence", TestJars.sequenceV1());
        Answer forced = http.postJar(workspace + "/connectors/sequence/versions?force=true", TestJars.sequenceV1());

        for (Answer answer : List.of(plain, forced)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("created").asBoolean()).isFalse();
            assertThat(answer.json().path("version").path("version").asInt()).isEqualTo(1);
            assertThat(answer.json().path("version").path("current").asBoolean()).isFalse();
            assertThat(answer.json().path("diff").path("breakingChanges").isEmpty()).isTrue();
        }
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(2);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentIdenticalUpdatesCreateOneVersion() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        List<Answer> answers = concurrently(3, i -> update(workspace, "sequence", TestJars.sequenceV2()));

        assertThat(answers).allSatisfy(a -> assertThat(a.json().path("version").path("version").asInt()).isEqualTo(2));
        assertThat(answers).filteredOn(a -> a.status() == 201 && a.json().path("created").asBoolean()).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200 && !a.json().path("created").asBoolean()).hasSize(2);
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("versionCount").asInt()).isEqualTo(2);
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(2);
    }

    @Test
    void refusesUpdateThatDropsAnOptionUnlessForced() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        update(workspace, "sequence", TestJars.sequenceV2());

        Answer refused = update(workspace, "sequence", rebuiltV1);

        JsonNode problem = assertProblem(refused, 409, "BREAKING_CHANGE");
        assertThat(problem.path("diff").path("breakingChanges").toString()).contains("step");
        assertThat(each(problem.path("diff").path("optionsRemoved"), "key")).containsExactly("step");
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(2);

        Answer forced = http.postJar(workspace + "/connectors/sequence/versions?force=true", rebuiltV1);

        assertThat(forced.status()).as(forced.text()).isEqualTo(201);
        assertThat(forced.json().path("version").path("version").asInt()).isEqualTo(3);
        assertThat(forced.json().path("diff").path("breakingChanges").toString()).contains("step");
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(3);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(3);
    }

    @Test
    void refusesUpdateThatTheAnalysisRefuses() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        JsonNode problem = assertProblem(update(workspace, "sequence", TestJars.jar("broken-static-init-throws.jar")),
                422, "ANALYSIS_REFUSED");

        assertThat(each(problem.path("findings"), "code")).contains("FACTORY_STATIC_INIT_FAILED");
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesUpdateOfferingAnIdentifierAnotherConnectorOwns() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        registered(workspace, "sink", TestJars.rowFileSink());

        JsonNode problem = assertProblem(update(workspace, "sink", TestJars.sequenceV2()), 409,
                "IDENTIFIER_ALREADY_REGISTERED");

        assertThat(problem.path("owner").asString()).isEqualTo("sequence");
        assertThat(problem.path("identifier").asString()).isEqualTo("sequence");
        assertThat(http.get(workspace + "/connectors/sink").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesUpdateOfUnknownConnector() {
        String workspace = newWorkspace();

        assertProblem(update(workspace, "nothing", TestJars.sequenceV1()), 404, "CONNECTOR_NOT_FOUND");
        assertProblem(update(WORKSPACES + "/nowhere", "nothing", TestJars.sequenceV1()), 404, "WORKSPACE_NOT_FOUND");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @Test
    void diffsAnyTwoVersionsInEitherDirection() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        update(workspace, "sequence", TestJars.sequenceV2());

        Answer forward = http.get(workspace + "/connectors/sequence/diff?from=1&to=2");
        Answer backward = http.get(workspace + "/connectors/sequence/diff?from=2&to=1");

        assertThat(forward.status()).as(forward.text()).isEqualTo(200);
        assertThat(each(forward.json().path("optionsAdded"), "key")).containsExactly("step");
        assertThat(forward.json().path("breakingChanges").isEmpty()).isTrue();
        assertThat(each(backward.json().path("optionsRemoved"), "key")).containsExactly("step");
        assertThat(backward.json().path("breakingChanges").toString()).contains("step");
        assertProblem(http.get(workspace + "/connectors/sequence/diff?from=1&to=9"), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(workspace + "/connectors/sequence/diff?from=1"), 400, "INVALID_REQUEST");
        assertProblem(http.get(workspace + "/connectors/sequence/diff?from=1&to=two"), 400, "INVALID_REQUEST");
        assertProblem(http.get(workspace + "/connectors/other/diff?from=1&to=2"), 404, "CONNECTOR_NOT_FOUND");
    }
}
