package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.TestClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client credentials against a WireMock token endpoint (the protocol: what is sent, when a token
 * is renewed, how failures read); registry-e2e's OAuth2ClientCredentialsAgainstServerTest fetches
 * real tokens from a real authorization server. Time is a {@link TestClock}, moved by the test.
 */
class ClientCredentialsTest {

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestClock clock = new TestClock(START);

    private ClientCredentials credentials(String... scopes) {
        return ClientCredentials.builder(URI.create(provider.baseUrl() + TOKEN_PATH), "job-submitter", "s3cr&t")
                .scopes(scopes).clock(clock).build();
    }

    /** Answers token-1, token-2, … in turn, each living {@code expiresIn} seconds. */
    private static void issueTokensLiving(String expiresIn, int count) {
        for (int i = 1; i <= count; i++) {
            provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "issued-" + (i - 1))
                    .willSetStateTo("issued-" + i)
                    .willReturn(okJson("{\"access_token\":\"token-" + i + "\",\"token_type\":\"Bearer\""
                            + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}")));
        }
    }

    private static int fetches() {
        return provider.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
    }

    @Test
    void asksForClientCredentialsWithHttpBasicAndTheScopes() {
        issueTokensLiving("300", 1);

        assertThat(credentials("registry", "audit:read").token()).isEqualTo("token-1");

        String basic = Base64.getEncoder().encodeToString("job-submitter:s3cr%26t".getBytes(StandardCharsets.UTF_8));
        provider.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("scope", equalTo("registry audit:read")));
    }

    @Test
    void keepsATokenUntilThirtySecondsBeforeItExpires() {
        issueTokensLiving("300", 2);
        ClientCredentials credentials = credentials();

        String first = credentials.token();
        clock.advance(Duration.ofSeconds(269));
        String stillFirst = credentials.token();
        clock.advance(Duration.ofSeconds(1));
        String second = credentials.token();

        assertThat(List.of(first, stillFirst, second)).containsExactly("token-1", "token-1", "token-2");
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void renewsAShortLivedTokenATenthOfItsLifetimeEarly() {
        issueTokensLiving("60", 2);
        ClientCredentials credentials = credentials();

        String first = credentials.token();
        clock.advance(Duration.ofSeconds(53));
        String stillFirst = credentials.token();
        clock.advance(Duration.ofSeconds(1));

        assertThat(List.of(first, stillFirst, credentials.token())).containsExactly("token-1", "token-1", "token-2");
    }

    @Test
    void keepsATokenWithoutExpiryUntilTheRegistryRefusesIt() {
        issueTokensLiving(null, 2);
        ClientCredentials credentials = credentials();

        String first = credentials.token();
        clock.advance(Duration.ofDays(365));
        String stillFirst = credentials.token();
        boolean worthAnotherTry = credentials.refused("token-1");

        assertThat(List.of(first, stillFirst, credentials.token())).containsExactly("token-1", "token-1", "token-2");
        assertThat(worthAnotherTry).isTrue();
    }

    @Test
    void keepsTheNewerTokenWhenAnOlderOneIsReportedRefused() {
        issueTokensLiving("300", 2);
        ClientCredentials credentials = credentials();
        credentials.token();
        credentials.refused("token-1");
        String second = credentials.token();

        credentials.refused("token-1");

        assertThat(credentials.token()).isEqualTo(second).isEqualTo("token-2");
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void fetchesOnceWhenManyThreadsAskAtOnce() throws Exception {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("""
                {"access_token":"shared","token_type":"Bearer","expires_in":300}""").withFixedDelay(300)));
        ClientCredentials credentials = credentials();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            Callable<String> ask = () -> {
                start.await();
                return credentials.token();
            };
            List<Future<String>> answers = IntStream.range(0, 8).mapToObj(i -> threads.submit(ask)).toList();
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("shared");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void namesTheProvidersErrorWhenItRefusesTheCredentials() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

        assertThatThrownBy(() -> credentials().token()).isInstanceOfSatisfying(TokenEndpointException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.error()).isEqualTo("invalid_client");
            assertThat(e.endpoint()).hasPath(TOKEN_PATH);
            assertThat(e.getMessage()).contains("refused the client credentials of 'job-submitter'", "invalid_client",
                    "Client authentication failed").doesNotContain("s3cr");
        });
    }

    @Test
    void failsClearlyWhenTheProviderFailsWithoutAnOAuthError() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)
                .withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> credentials().token()).isInstanceOfSatisfying(TokenEndpointException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.error()).isNull();
            assertThat(e.getMessage()).contains(TOKEN_PATH, "HTTP 503");
        });
    }

    @Test
    void refusesAnAnswerWithoutABearerToken() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("""
                {"access_token":"mac-token","token_type":"mac","expires_in":300}""")));

        assertThatThrownBy(() -> credentials().token()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("without a bearer access token");
    }

    @Test
    void saysWhichTokenEndpointCouldNotBeReached() {
        URI closed = URI.create(Loopback.closedAddress() + TOKEN_PATH);

        assertThatThrownBy(() -> ClientCredentials.builder(closed, "id", "secret").build().token())
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).startsWith("Could not reach " + closed);
                });
    }

    @Test
    void readsTheTokenEndpointFromTheIssuersDiscoveryDocumentOnce() {
        String issuer = provider.baseUrl() + "/realms/flink";
        provider.stubFor(get(urlPathEqualTo("/realms/flink/.well-known/openid-configuration")).willReturn(okJson(
                "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + provider.baseUrl() + TOKEN_PATH + "\"}")));
        issueTokensLiving("300", 2);
        ClientCredentials credentials = ClientCredentials.fromIssuer(URI.create(issuer + "/"), "id", "secret")
                .clock(clock).build();

        String first = credentials.token();
        clock.advance(Duration.ofMinutes(5));

        assertThat(List.of(first, credentials.token())).containsExactly("token-1", "token-2");
        assertThat(provider.findAll(getRequestedFor(urlPathEqualTo("/realms/flink/.well-known/openid-configuration"))))
                .hasSize(1);
    }

    @Test
    void refusesADiscoveryDocumentOfAnotherIssuer() {
        provider.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson(
                "{\"issuer\":\"https://elsewhere.example\",\"token_endpoint\":\"https://elsewhere.example/token\"}")));

        assertThatThrownBy(() -> ClientCredentials.fromIssuer(URI.create(provider.baseUrl()), "id", "secret").build()
                .token()).isInstanceOf(TokenEndpointException.class)
                .hasMessageContaining("is for the issuer 'https://elsewhere.example'");
        assertThat(fetches()).isZero();
    }

    @Test
    void renewsThirtySecondsEarlyOrATenthOfTheLifetimeWhicheverIsLess() {
        assertThat(ClientCredentials.renewalTime(START, Duration.ofHours(1))).isEqualTo(START.plusSeconds(3570));
        assertThat(ClientCredentials.renewalTime(START, Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(270));
        assertThat(ClientCredentials.renewalTime(START, Duration.ofSeconds(10))).isEqualTo(START.plusSeconds(9));
    }
}
