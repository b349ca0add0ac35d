package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged server's log at its first start and first use (a registration, a resolve, a
 * validation, the console and Swagger UI) holds no warning, no deprecation notice and no generated
 * password: a new user reads every line of it, so each one must be worth reading.
 */
class QuietServerLogTest {

    @Test
    void theFirstStartAndFirstUseLogNoWarning() throws Exception {
        Path work = Files.createTempDirectory("quiet-log-");
        try (RegistryServerProcess server = RegistryServerProcess.start(work, Map.of())) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            String api = server.baseUrl() + "/api/v1/workspaces/default";
            String token = server.adminToken();

            assertThat(send(http, token, HttpRequest.newBuilder(URI.create(api + "/connectors?name=sequence"))
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(TestJars.sequenceV1())))).isEqualTo(201);
            assertThat(send(http, token, json(api + "/resolve", """
                    {"identifiers": [{"identifier": "sequence"}], "jobId": "job-1"}"""))).isEqualTo(200);
            assertThat(send(http, token, json(api + "/resolve", """
                    {"sql": "CREATE TABLE t (id BIGINT) WITH ('connector'='sequence', 'number-of-rows'='5')"}""")))
                    .isEqualTo(200);
            assertThat(send(http, token, json(api + "/validate", """
                    {"options": {"connector": "sequence", "number-of-row": "5"}}"""))).isEqualTo(200);
            for (String path : List.of("/", "/swagger-ui.html", "/openapi.yaml", "/api/v1/workspaces/default/connectors",
                    "/api/v1/whoami", "/actuator/health")) {
                assertThat(send(http, token, HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET()))
                        .as(path).isEqualTo(200);
            }
            List<String> noisy = Files.readAllLines(work.resolve("server.log")).stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                            || line.toLowerCase().contains("deprecat") || line.contains("generated security password"))
                    .toList();
            assertThat(noisy).as(server.logTail()).isEmpty();
        }
    }

    private static HttpRequest.Builder json(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static int send(HttpClient http, String token, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
