package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RawHttp;
import dev.flinkregistry.server.support.RawHttp.Reply;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The errors that Tomcat, or Spring Security's firewall, answer before a controller runs are
 * problem documents with a code too (DESIGN rule 9), never Tomcat's HTML page nor Spring Boot's
 * own JSON, and they change nothing. Sent over a raw socket where java.net.http would refuse or
 * normalise the request. The edge does not touch the database, so this runs on H2 only.
 *
 * <p>Bad inputs tried: paths with an encoded '/' ({@code %2F}), '..' ({@code %2E%2E}), '\'
 * ({@code %5C}), an invalid escape ({@code %zz}), '//', a ';' path parameter and a '{'; a DELETE
 * whose path climbs out with {@code ..%2F}; 9 KB of headers; a chunked upload whose chunk size is
 * not hexadecimal; a Content-Length that is not a number; {@code Transfer-Encoding: gzip};
 * {@code HTTP/2.5}; version numbers that are not numbers or overflow an int (also with
 * {@code Accept: text/html}); {@code GET} and {@code POST /error} asked for directly.
 */
class ContainerErrorsEdgeTest extends RegistryApiTest {

    private static final String DEFAULT_PATH = WORKSPACES + "/default";

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/workspaces/default/connectors/a%2Fb", "/api/v1/workspaces/%2E%2E/connectors",
        "/api/v1/workspaces/a%5Cb", "/api/v1/workspaces/%zz", "/api/v1//workspaces", "/api/v1/workspaces;x=y/default",
        "/api/v1/{workspaces}"})
    void refusedPathsAreMalformedRequestProblems(String path) {
        Reply reply = RawHttp.exchange(http.baseUrl(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertProblem(reply, 400, "MALFORMED_REQUEST");
    }

    @Test
    void aPathThatClimbsOutOfItsConnectorDeletesNothing() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        Reply reply = RawHttp.exchange(http.baseUrl(), "DELETE " + workspace + "/connectors/x/..%2F..%2Fconnectors"
                + "%2Fsequence HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(reply, 400, "MALFORMED_REQUEST");
        assertThat(names(http.get(workspace + "/connectors"))).containsExactly("sequence");
    }

    @Test
    void headersTooLargeAreAMalformedRequestProblem() {
        Reply reply = RawHttp.exchange(http.baseUrl(), "GET " + WORKSPACES + " HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(9 * 1024) + "\r\nConnection: close\r\n\r\n");

        assertProblem(reply, 400, "MALFORMED_REQUEST");
    }

    @Test
    void aChunkSizeThatIsNotHexadecimalIsAMalformedRequestAndStoresNothing() {
        String workspace = newWorkspace();

        Reply reply = RawHttp.exchange(http.baseUrl(), "POST " + workspace + "/connectors?name=chunks HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/java-archive\r\nTransfer-Encoding: chunked\r\n"
                + "Authorization: Bearer " + http.token() + "\r\n"
                + "Connection: close\r\n\r\n4\r\nPK..\r\nzz\r\n");

        assertProblem(reply, 400, "MALFORMED_REQUEST");
        assertProblem(http.get(workspace + "/connectors/chunks"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(registry.dataDir().resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void bodyFramingTomcatCannotReadIsAProblem() {
        Reply length = RawHttp.exchange(http.baseUrl(), "POST " + WORKSPACES + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2x\r\nConnection: close\r\n\r\n{}");
        Reply coding = RawHttp.exchange(http.baseUrl(), "POST " + WORKSPACES + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}");
        Reply version = RawHttp.exchange(http.baseUrl(), "GET " + WORKSPACES + " HTTP/2.5\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertProblem(length, 400, "MALFORMED_REQUEST");
        assertProblem(coding, 501, "INVALID_REQUEST");
        assertProblem(version, 505, "INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "99999999999", "1.5", "-"})
    void aVersionThatIsNotANumberIsAnInvalidRequestProblemWhateverTheClientAccepts(String version) {
        String path = DEFAULT_PATH + "/connectors/sequence/versions/" + version;

        assertProblem(http.get(path), 400, "INVALID_REQUEST");
        assertProblem(http.get(path + "/jar", "Accept", "text/html"), 400, "INVALID_REQUEST");
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() {
        assertProblem(http.get("/error"), 404, "NOT_FOUND");
        assertProblem(http.postJson("/error", "{}"), 404, "NOT_FOUND");
        assertProblem(http.get("/error", "Accept", "text/html"), 404, "NOT_FOUND");
    }

    /** Like {@link RegistryApiTest#assertProblem} for an answer read off a raw socket. */
    private static JsonNode assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).as("Content-Type of %s", reply.text()).startsWith(PROBLEM_JSON);
        JsonNode problem = reply.json();
        assertThat(problem.path("code").asString()).as(reply.text()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }
}
