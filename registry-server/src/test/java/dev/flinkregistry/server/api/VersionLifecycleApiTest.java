package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A connector's versions over their life (DESIGN rules 4, 5 and 6): listing and showing them, rolling
 * back (checked for compatibility), and deleting versions and connectors, never one that is current or leased by a job.
 *
 * <p>Bad inputs tried: an unknown version (show, make current, delete), version 0, no version, a
 * version that is not a number, a {@code force} that is not a boolean, a body that is not JSON, a
 * roll back that would break jobs (without {@code force}, and with {@code force: false}), deleting
 * the current version, deleting a leased version and a connector with a leased version, an unknown
 * connector.
 */
abstract class VersionLifecycleApiTest extends RegistryApiTest {

    @Test
    void listsVersionsOldestFirstAndShowsEachWithItsAnalysis() {
        String workspace = twoVersions();

        Answer list = http.get(workspace + "/connectors/sequence/versions");
        Answer second = http.get(workspace + "/connectors/sequence/versions/2");

        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().valueStream().map(v -> v.path("version").asInt()).toList()).containsExactly(1, 2);
        assertThat(list.json().valueStream().map(v -> v.path("current").asBoolean()).toList())
                .containsExactly(false, true);
        assertThat(list.json().get(0).path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.sequenceV1())));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.sequenceV2())));
        assertThat(each(second.json().path("analysis").path("factories").get(0).path("options"), "key"))
                .contains("step", "number-of-rows");
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("current").path("version").asInt()).isEqualTo(2);
        assertThat(connector.path("current").path("analysis").path("accepted").asBoolean()).isTrue();
    }

    @Test
    void unknownVersionOrConnectorIsNotFound() {
        String workspace = twoVersions();

        assertProblem(http.get(workspace + "/connectors/sequence/versions/9"), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(workspace + "/connectors/sequence/versions/9/jar"), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(workspace + "/connectors/sequence/versions/x"), 400, "INVALID_REQUEST");
        assertProblem(http.get(workspace + "/connectors/other"), 404, "CONNECTOR_NOT_FOUND");
        assertProblem(http.get(workspace + "/connectors/other/versions"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void rollingBackMakesResolveHandOutTheOlderVersion() {
        String workspace = twoVersions();

        Answer rollback = http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 1, "force", true));

        assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
        assertThat(rollback.json().path("currentVersion").asInt()).isEqualTo(1);
        assertThat(rollback.json().path("current").path("version").asInt()).isEqualTo(1);
        assertThat(rollback.json().path("versionCount").asInt()).isEqualTo(2);
        JsonNode resolved = resolve(workspace, null).json().path("resolved").get(0);
        assertThat(resolved.path("version").asInt()).isEqualTo(1);
        assertThat(resolved.path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.sequenceV1())));
        assertThat(http.get(workspace + "/connectors/sequence/versions/2").json().path("current").asBoolean()).isFalse();
    }

    /** Rule 6: version 1 lacks the option 'step' that jobs may set on version 2, so going back breaks them. */
    @Test
    void refusesRollBackThatWouldBreakJobsUnlessForced() {
        String workspace = twoVersions();
        String current = workspace + "/connectors/sequence/current";

        JsonNode problem = assertProblem(http.putJson(current, Map.of("version", 1)), 409, "BREAKING_CHANGE");
        JsonNode refusedWithFalse = assertProblem(http.putJson(current, Map.of("version", 1, "force", false)), 409,
                "BREAKING_CHANGE");

        JsonNode diff = problem.path("diff");
        assertThat(diff.path("from").asInt()).isEqualTo(2);
        assertThat(diff.path("to").asInt()).isEqualTo(1);
        assertThat(each(diff.path("optionsRemoved"), "key")).containsExactly("step");
        assertThat(diff.path("breakingChanges").toString()).contains("step");
        assertThat(problem.path("detail").asString()).contains("force");
        assertThat(refusedWithFalse.path("diff")).isEqualTo(diff);
        assertThat(http.get(workspace + "/connectors/sequence").json().path("currentVersion").asInt()).isEqualTo(2);
        assertThat(resolve(workspace, null).json().path("resolved").get(0).path("version").asInt()).isEqualTo(2);

        Answer forced = http.putJson(current, Map.of("version", 1, "force", true));

        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        assertThat(forced.json().path("currentVersion").asInt()).isEqualTo(1);
        assertThat(forced.json().path("diff")).isEqualTo(diff);
        assertThat(http.get(workspace + "/connectors/sequence").json().path("currentVersion").asInt()).isEqualTo(1);
    }

    /** The diff of a roll back is the update's comparison: here the target adds an optional option, which breaks nothing. */
    @Test
    void compatibleRollBackMovesWithoutForceAndAnswersWithItsDiff() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV2());
        Answer forcedUpdate = http.postJar(workspace + "/connectors/sequence/versions?force=true", TestJars.sequenceV1());
        assertThat(forcedUpdate.status()).as(forcedUpdate.text()).isEqualTo(201);

        Answer rollback = http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 1));

        assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
        assertThat(rollback.json().path("currentVersion").asInt()).isEqualTo(1);
        JsonNode diff = rollback.json().path("diff");
        assertThat(diff.path("from").asInt()).isEqualTo(2);
        assertThat(diff.path("to").asInt()).isEqualTo(1);
        assertThat(each(diff.path("optionsAdded"), "key")).containsExactly("step");
        assertThat(diff.path("breakingChanges").isEmpty()).isTrue();
        assertThat(diff).isEqualTo(http.get(workspace + "/connectors/sequence/diff?from=2&to=1").json());
    }

    @Test
    void makingTheCurrentVersionCurrentAgainChangesNothing() {
        String workspace = twoVersions();

        Answer same = http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 2));

        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(same.json().path("currentVersion").asInt()).isEqualTo(2);
        JsonNode diff = same.json().path("diff");
        assertThat(diff.path("from").asInt()).isEqualTo(2);
        assertThat(diff.path("to").asInt()).isEqualTo(2);
        for (String list : List.of("identifiersAdded", "identifiersRemoved", "optionsAdded", "optionsRemoved",
                "optionsChanged", "breakingChanges")) {
            assertThat(diff.path(list).isEmpty()).as(list).isTrue();
        }
    }

    @Test
    void refusesInvalidCurrentVersion() {
        String workspace = twoVersions();
        String current = workspace + "/connectors/sequence/current";

        assertProblem(http.putJson(current, Map.of("version", 7)), 404, "VERSION_NOT_FOUND");
        assertProblem(http.putJson(current, Map.of("version", 0)), 400, "INVALID_REQUEST");
        assertProblem(http.putJson(current, Map.of()), 400, "INVALID_REQUEST");
        assertProblem(http.putJson(current, Map.of("version", "x")), 400, "MALFORMED_REQUEST");
        assertProblem(http.putJson(current, Map.of("version", 1, "force", "yes")), 400, "MALFORMED_REQUEST");
        assertProblem(http.send(http.request(current, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{version")).build()), 400, "MALFORMED_REQUEST");
        assertProblem(http.putJson(workspace + "/connectors/other/current", Map.of("version", 1)), 404,
                "CONNECTOR_NOT_FOUND");
        assertThat(http.get(workspace + "/connectors/sequence").json().path("currentVersion").asInt()).isEqualTo(2);
    }

    @Test
    void refusesToDeleteTheCurrentVersion() {
        String workspace = twoVersions();

        assertProblem(http.delete(workspace + "/connectors/sequence/versions/2"), 409, "VERSION_IS_CURRENT");
        assertProblem(http.delete(workspace + "/connectors/sequence/versions/9"), 404, "VERSION_NOT_FOUND");
        assertThat(http.get(workspace + "/connectors/sequence/versions/2").status()).isEqualTo(200);
    }

    @Test
    void leasedVersionIsKeptUntilTheJobReleasesIt() {
        String workspace = twoVersions();
        String sha256 = sha256(bytes(TestJars.sequenceV2()));
        assertThat(resolve(workspace, "job-7").json().path("lease").path("jobId").asString()).isEqualTo("job-7");
        http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 1, "force", true));

        JsonNode version = assertProblem(http.delete(workspace + "/connectors/sequence/versions/2"), 409,
                "VERSION_LEASED");
        JsonNode connector = assertProblem(http.delete(workspace + "/connectors/sequence"), 409, "VERSION_LEASED");

        assertThat(version.path("jobs").toString()).isEqualTo("[\"job-7\"]");
        assertThat(connector.path("jobs").toString()).isEqualTo("[\"job-7\"]");
        assertThat(http.get(workspace + "/jars/" + sha256).status()).isEqualTo(200);

        assertThat(http.delete(workspace + "/leases/job-7").status()).isEqualTo(204);

        assertThat(http.delete(workspace + "/connectors/sequence/versions/2").status()).isEqualTo(204);
        assertProblem(http.get(workspace + "/connectors/sequence/versions/2"), 404, "VERSION_NOT_FOUND");
        assertProblem(http.get(workspace + "/jars/" + sha256), 404, "VERSION_NOT_FOUND");
        assertThat(http.get(workspace + "/connectors/sequence/versions").json().valueStream()
                .map(v -> v.path("version").asInt()).toList()).containsExactly(1);
    }

    @Test
    void deletedVersionNumberIsNotGivenToOtherBytes() {
        String workspace = twoVersions();
        http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 1, "force", true));
        assertThat(http.delete(workspace + "/connectors/sequence/versions/2").status()).isEqualTo(204);

        Answer again = update(workspace, "sequence", TestJars.sequenceV2());

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json().path("version").path("version").asInt()).isEqualTo(3);
        assertProblem(http.get(workspace + "/connectors/sequence/versions/2"), 404, "VERSION_NOT_FOUND");
    }

    @Test
    void expiredLeaseNoLongerKeepsTheVersion() {
        String workspace = twoVersions();
        Answer leased = http.postJson(workspace + "/resolve", body("identifiers", List.of(Map.of("identifier", "sequence")),
                "jobId", "short-job", "leaseSeconds", 1));
        assertThat(leased.status()).as(leased.text()).isEqualTo(200);
        http.putJson(workspace + "/connectors/sequence/current", Map.of("version", 1, "force", true));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.delete(workspace + "/connectors/sequence/versions/2").status() == 204);

        assertProblem(http.get(workspace + "/connectors/sequence/versions/2"), 404, "VERSION_NOT_FOUND");
    }

    @Test
    void releasingALeaseIsIdempotent() {
        String workspace = newWorkspace();

        assertThat(http.delete(workspace + "/leases/never-leased").status()).isEqualTo(204);
        assertProblem(http.delete(WORKSPACES + "/nowhere/leases/job"), 404, "WORKSPACE_NOT_FOUND");
    }

    @Test
    void deletedConnectorIsGoneAndFreesItsIdentifiers() {
        String workspace = twoVersions();
        String sha256 = sha256(bytes(TestJars.sequenceV2()));

        assertThat(http.delete(workspace + "/connectors/sequence").status()).isEqualTo(204);

        assertProblem(http.get(workspace + "/connectors/sequence"), 404, "CONNECTOR_NOT_FOUND");
        assertProblem(http.get(workspace + "/jars/" + sha256), 404, "VERSION_NOT_FOUND");
        assertProblem(http.delete(workspace + "/connectors/sequence"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
        assertProblem(resolve(workspace, null), 422, "UNRESOLVED_IDENTIFIERS");
        assertThat(registered(workspace, "sequence-again", TestJars.sequenceV1()).path("version").asInt())
                .isEqualTo(1);
    }

    /** A fresh workspace with connector {@code sequence}: version 1 (v1) and current version 2 (v2). */
    private String twoVersions() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        Answer update = update(workspace, "sequence", TestJars.sequenceV2());
        assertThat(update.status()).as(update.text()).isEqualTo(201);
        return workspace;
    }

    private Answer resolve(String workspace, String jobId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("identifiers", List.of(Map.of("identifier", "sequence")));
        if (jobId != null) {
            request.put("jobId", jobId);
        }
        return http.postJson(workspace + "/resolve", request);
    }
}
