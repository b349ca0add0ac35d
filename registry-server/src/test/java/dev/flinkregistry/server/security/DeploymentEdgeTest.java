package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/**
 * How the registry behaves in the two deployments a platform team sets up most: behind a proxy that
 * terminates TLS (the browser must be told to keep to HTTPS), and with the actuator on a management
 * port of its own (still behind the same roles).
 *
 * <p>Bad inputs tried: an anonymous and a workspace admin's request for the Prometheus metrics on
 * the management port; the actuator asked for on the API port when it has moved.
 */
class DeploymentEdgeTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void behindATlsTerminatingProxyAnswersCarryHsts() {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("server.forward-headers-strategy", "native"))) {
            RegistryHttp http = registry.http();

            Answer overTls = http.get("/api/v1/whoami", "X-Forwarded-Proto", "https");
            Answer plain = http.get("/api/v1/whoami");

            assertThat(overTls.status()).isEqualTo(200);
            assertThat(overTls.header("Strict-Transport-Security")).contains("max-age=31536000");
            assertThat(plain.header("Strict-Transport-Security")).as("never over plain HTTP (RFC 6797)").isNull();
        }
    }

    @Test
    void aSeparateManagementPortKeepsTheActuatorsRoles() throws Exception {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("management.server.port", "0"))) {
            String port = registry.bean(Environment.class).getProperty("local.management.port");
            assertThat(port).isNotBlank().isNotEqualTo(URI.create(registry.baseUrl()).getPort() + "");
            String management = "http://127.0.0.1:" + port;
            String workspaceAdmin = registry.http().postJson("/api/v1/tokens", Map.of("name", "ws-admin",
                    "workspace", "default", "role", "admin")).json().path("token").asString();

            assertThat(status(management + "/actuator/health/liveness", null)).isEqualTo(200);
            assertThat(status(management + "/actuator/prometheus", null)).isEqualTo(401);
            assertThat(status(management + "/actuator/prometheus", workspaceAdmin)).isEqualTo(403);
            assertThat(status(management + "/actuator/prometheus", registry.adminToken())).isEqualTo(200);
            assertThat(registry.http().get("/actuator/prometheus").status()).as("no longer on the API port")
                    .isEqualTo(404);
        }
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
