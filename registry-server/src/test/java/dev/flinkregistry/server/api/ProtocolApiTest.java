package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every endpoint shares: errors outside the domain are problem documents with a code too
 * (DESIGN rule 9), and the operations endpoints (health, Prometheus metrics) work.
 *
 * <p>Bad inputs tried: an unknown path, an unsupported method, malformed JSON, a JSON endpoint
 * called with text/plain, a GET without a required parameter.
 */
abstract class ProtocolApiTest extends RegistryApiTest {

    @Test
    void unknownPathIsANotFoundProblem() {
        assertProblem(http.get("/api/v1/nope"), 404, "NOT_FOUND");
        assertProblem(http.get(WORKSPACES + "/default/nope/deeper"), 404, "NOT_FOUND");
    }

    @Test
    void unsupportedMethodIsAMethodNotAllowedProblem() {
        Answer answer = http.delete(WORKSPACES);

        assertProblem(answer, 405, "METHOD_NOT_ALLOWED");
        assertThat(answer.header("Allow")).contains("GET", "POST");
        assertProblem(http.putJson(WORKSPACES + "/default", Map.of()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void malformedJsonIsAMalformedRequestProblem() {
        assertProblem(http.postJson(WORKSPACES, "{\"name\": "), 400, "MALFORMED_REQUEST");
        assertProblem(http.postJson(WORKSPACES, "[1, 2]"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void jsonEndpointRefusesOtherMediaTypes() {
        Answer answer = http.post(WORKSPACES, "text/plain", "name=x".getBytes());

        assertProblem(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void healthIsUp() {
        Answer health = http.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusCountsUploadsResolvesDownloadsAndTimesAnalyses() {
        String before = prometheus();
        String workspace = newWorkspace();
        String sha256 = registered(workspace, "psv", TestJars.psvFormat()).path("sha256").asString();
        Answer resolved = http.postJson(workspace + "/resolve", body("identifiers", List.of(Map.of("identifier", "psv"))));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(http.get(workspace + "/jars/" + sha256).status()).isEqualTo(200);

        String after = prometheus();

        assertThat(value(after, "registry_uploads_total")).isEqualTo(value(before, "registry_uploads_total") + 1);
        assertThat(value(after, "registry_resolves_total")).isEqualTo(value(before, "registry_resolves_total") + 1);
        assertThat(value(after, "registry_downloads_total")).isEqualTo(value(before, "registry_downloads_total") + 1);
        assertThat(after).containsPattern("registry_analysis_seconds_count\\{[^}]*outcome=\"accepted\"[^}]*} [1-9]");
    }

    private String prometheus() {
        Answer answer = http.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.text();
    }

    /** The value of an untagged (or only commonly tagged) sample, 0 when the meter does not exist yet. */
    private static double value(String metrics, String name) {
        Matcher sample = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(2)) : 0;
    }
}
