package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The switches of {@code registry.auth}: anonymous reading (off by default), the limit on failed
 * sign-ins per address, and the allowed web origins.
 *
 * <p>Bad inputs tried: guessed bearer tokens and guessed session sign-ins from one address, then a
 * good token from it; anonymous probes from a refused address.
 */
class AuthSettingsTest {

    private static final String CONNECTORS = "/api/v1/workspaces/default/connectors";

    @Test
    void anonymousReadingLetsNobodyReadButNotChange() {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.auth.anonymous-read", "true"))) {
            RegistryHttp nobody = registry.http().as(null);
            assertThat(registry.http().postJar(CONNECTORS + "?name=seq", TestJars.sequenceV1()).status()).isEqualTo(201);

            assertThat(nobody.get(CONNECTORS).json().path("total").asInt()).isEqualTo(1);
            assertThat(nobody.get(CONNECTORS + "/seq/versions/1/jar").status()).isEqualTo(200);
            assertThat(nobody.get("/api/v1/workspaces").json().size()).isPositive();
            Answer change = nobody.postJar(CONNECTORS + "?name=other", TestJars.psvFormat());
            assertThat(change.status()).isEqualTo(401);
            assertThat(nobody.delete(CONNECTORS + "/seq").status()).isEqualTo(401);
            assertThat(nobody.get("/api/v1/tokens").status()).isEqualTo(401);
            assertThat(nobody.get(CONNECTORS).json().path("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anAddressThatKeepsFailingToSignInIsRefusedForAWhile() {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.auth.failures-per-minute", "3"))) {
            RegistryHttp guesser = registry.http().as("fcr_" + "C".repeat(40) + "000000");
            for (int i = 0; i < 3; i++) {
                assertThat(guesser.get(CONNECTORS).status()).isEqualTo(401);
            }

            Answer refused = guesser.get(CONNECTORS);
            Answer evenWithAGoodToken = registry.http().get(CONNECTORS);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("code").asString()).isEqualTo("TOO_MANY_AUTHENTICATION_FAILURES");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(evenWithAGoodToken.status()).as("the same address, while it is refused").isEqualTo(429);
            // Probes and anonymous calls from the same address (a node, a NAT) present no credentials: not refused.
            assertThat(registry.http().as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(registry.http().as(null).get("/actuator/health").status()).isEqualTo(200);
            assertThat(registry.http().as(null).get(CONNECTORS).status()).isEqualTo(401);
        }
    }

    @Test
    void failedSessionSignInsCountLikeRefusedBearerTokens() {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.auth.failures-per-minute", "3"))) {
            RegistryHttp browser = registry.http().as(null);
            for (int i = 0; i < 3; i++) {
                Answer guess = browser.postJson("/api/v1/session", Map.of("token", "fcr_" + "D".repeat(39) + i + "000000"));
                assertThat(guess.status()).as(guess.text()).isEqualTo(401);
            }

            Answer refused = browser.postJson("/api/v1/session", Map.of("token", registry.http().token()));

            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.json().path("code").asString()).isEqualTo("TOO_MANY_AUTHENTICATION_FAILURES");
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("FCR_SESSION"));
        }
    }

    @Test
    void anAllowedOriginGetsCorsHeaders() {
        try (RunningRegistry registry = RunningRegistry.startFresh(
                Map.of("registry.auth.allowed-origins[0]", "https://console.example"))) {
            RegistryHttp http = registry.http();
            Answer allowed = http.send(http.request(CONNECTORS, "Origin", "https://console.example",
                    "Access-Control-Request-Method", "GET").method("OPTIONS",
                    java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            Answer other = http.send(http.request(CONNECTORS, "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "GET").method("OPTIONS",
                    java.net.http.HttpRequest.BodyPublishers.noBody()).build());

            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example");
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
