package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Workspaces over REST: the default one, creating one per Flink line, and what a workspace's line
 * means for the JARs registered in it.
 *
 * <p>Bad inputs tried: a duplicate name; names with upper case, '_', a space, a leading '-', an
 * empty and a 64-character name; a missing and an unsupported Flink version (1.18); an unknown
 * workspace when reading it, listing its connectors and registering into it.
 */
abstract class WorkspaceApiTest extends RegistryApiTest {

    @Test
    void defaultWorkspaceExistsForFlink120() {
        Answer answer = http.get(WORKSPACES + "/default");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("name").asString()).isEqualTo("default");
        assertThat(answer.json().path("flinkVersion").asString()).isEqualTo("1.20");
        assertThat(each(http.get(WORKSPACES).json(), "name")).contains("default");
    }

    @Test
    void createsWorkspaceForFlink22WithLocation() {
        Answer created = http.postJson(WORKSPACES, body("name", "analytics-22", "flinkVersion", "2.2"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(WORKSPACES + "/analytics-22");
        assertThat(created.json().path("flinkVersion").asString()).isEqualTo("2.2");
        JsonNode read = http.get(WORKSPACES + "/analytics-22").json();
        assertThat(read.path("flinkVersion").asString()).isEqualTo("2.2");
        assertThat(each(http.get(WORKSPACES).json(), "name")).contains("analytics-22", "default");
    }

    @Test
    void analysesJarsForTheWorkspacesFlinkVersion() {
        String workspace = newWorkspace("2.2");

        JsonNode version = registered(workspace, "row-file", TestJars.rowFileSink());

        assertThat(version.path("analysis").path("flinkVersion").asString()).isEqualTo("2.2");
        assertThat(version.path("analysis").path("flinkRelease").asString()).startsWith("2.2");
    }

    @Test
    void refusesDuplicateWorkspaceName() {
        assertThat(http.postJson(WORKSPACES, body("name", "twice", "flinkVersion", "1.20")).status()).isEqualTo(201);

        Answer again = http.postJson(WORKSPACES, body("name", "twice", "flinkVersion", "2.2"));

        assertProblem(again, 409, "WORKSPACE_ALREADY_EXISTS");
        assertThat(http.get(WORKSPACES + "/twice").json().path("flinkVersion").asString()).isEqualTo("1.20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "with_underscore", "with space", "-leading-dash", "",
        "a123456789012345678901234567890123456789012345678901234567890123"})
    void refusesInvalidWorkspaceName(String name) {
        Answer answer = http.postJson(WORKSPACES, body("name", name, "flinkVersion", "1.20"));

        JsonNode problem = assertProblem(answer, 400, "INVALID_REQUEST");
        assertThat(problem.path("errors").toString()).contains("name");
    }

    @Test
    void refusesWorkspaceWithoutFlinkVersion() {
        JsonNode problem = assertProblem(http.postJson(WORKSPACES, body("name", "no-version")), 400, "INVALID_REQUEST");

        assertThat(problem.path("errors").toString()).contains("flinkVersion");
        assertProblem(http.get(WORKSPACES + "/no-version"), 404, "WORKSPACE_NOT_FOUND");
    }

    @Test
    void refusesUnsupportedFlinkVersion() {
        Answer answer = http.postJson(WORKSPACES, body("name", "old-flink", "flinkVersion", "1.18"));

        JsonNode problem = assertProblem(answer, 400, "UNSUPPORTED_FLINK_VERSION");
        assertThat(problem.path("detail").asString()).contains("1.18", "1.20", "2.2");
        assertProblem(http.get(WORKSPACES + "/old-flink"), 404, "WORKSPACE_NOT_FOUND");
    }

    @Test
    void unknownWorkspaceIsNotFoundEverywhere() {
        assertProblem(http.get(WORKSPACES + "/nowhere"), 404, "WORKSPACE_NOT_FOUND");
        assertProblem(http.get(WORKSPACES + "/nowhere/connectors"), 404, "WORKSPACE_NOT_FOUND");
        assertProblem(register(WORKSPACES + "/nowhere", "sequence", TestJars.sequenceV1()), 404,
                "WORKSPACE_NOT_FOUND");
    }
}
