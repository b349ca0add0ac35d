package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flinkregistry.testsupport.TestClock;
import dev.flinkregistry.testsupport.TestJars;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP client signing in: every request carries the token, a refused token from client
 * credentials is replaced once (requests and downloads alike), and 401 and 403 answers become
 * {@link AuthenticationException} and {@link AccessDeniedException}, final on every server.
 */
class HttpRegistryClientAuthenticationTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String EMPTY_PAGE = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";
    private static final String INVALID_TOKEN = """
            {"status":401,"code":"INVALID_TOKEN",
             "detail":"The bearer token was refused: Jwt expired at 2026-12-01T10:05:00Z. Send a valid token."}""";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

    private HttpRegistryClient.Builder client() {
        return RegistryClient.builder().server(registry.baseUrl()).cacheDirectory(temp.resolve("cache"))
                .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(10));
    }

    private HttpRegistryClient withClientCredentials() {
        return client().tokenSource(ClientCredentials.builder(URI.create(provider.baseUrl() + TOKEN_PATH), "ci",
                "secret").clock(clock).build()).build();
    }

    private static void issueTokens(int count) {
        for (int i = 1; i <= count; i++) {
            provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "issued-" + (i - 1)).willSetStateTo("issued-" + i)
                    .willReturn(okJson("{\"access_token\":\"token-" + i + "\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":300}")));
        }
    }

    private static MappingBuilder listWith(String token) {
        return get(urlPathEqualTo(API + "/connectors")).withHeader("Authorization", equalTo("Bearer " + token));
    }

    private static void refuse(MappingBuilder request) {
        registry.stubFor(request.willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withHeader("WWW-Authenticate", "Bearer realm=\"flink-connector-registry\", error=\"invalid_token\"")
                .withBody(INVALID_TOKEN)));
    }

    @Test
    void sendsTheFetchedTokenAndRenewsItBeforeItExpires() {
        issueTokens(2);
        registry.stubFor(listWith("token-1").willReturn(okJson(EMPTY_PAGE)));
        registry.stubFor(listWith("token-2").willReturn(okJson(EMPTY_PAGE)));
        HttpRegistryClient client = withClientCredentials();

        client.list(RegistryClient.ListQuery.all());
        client.list(RegistryClient.ListQuery.all());
        clock.advance(Duration.ofSeconds(270));
        client.list(RegistryClient.ListQuery.all());

        registry.verify(2, getRequestedFor(urlPathEqualTo(API + "/connectors"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        registry.verify(1, getRequestedFor(urlPathEqualTo(API + "/connectors"))
                .withHeader("Authorization", equalTo("Bearer token-2")));
        provider.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void fetchesANewTokenOnceWhenTheRegistryRefusesOneAndTriesAgain() {
        issueTokens(2);
        refuse(listWith("token-1"));
        registry.stubFor(listWith("token-2").willReturn(okJson(EMPTY_PAGE)));

        assertThat(withClientCredentials().list(RegistryClient.ListQuery.all()).total()).isZero();
        provider.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        registry.verify(2, getRequestedFor(urlPathEqualTo(API + "/connectors")));
    }

    @Test
    void givesUpWhenTheNewTokenIsRefusedToo() {
        issueTokens(3);
        refuse(get(urlPathEqualTo(API + "/connectors")));

        assertThatThrownBy(() -> withClientCredentials().list(RegistryClient.ListQuery.all()))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.tokenRefused()).isTrue();
                    assertThat(e.getMessage()).startsWith("The registry refused the token (401 INVALID_TOKEN)")
                            .contains("Jwt expired");
                });
        provider.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        registry.verify(2, getRequestedFor(urlPathEqualTo(API + "/connectors")));
    }

    @Test
    void downloadsWithANewTokenAfterTheRegistryRefusedOne() {
        byte[] jar = TestJars.bytes(10_000, 7);
        String sha = TestJars.sha256(jar);
        issueTokens(2);
        refuse(get(urlPathEqualTo(API + "/jars/" + sha)).withHeader("Authorization", equalTo("Bearer token-1")));
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(aResponse().withStatus(200).withBody(jar)));

        assertThat(withClientCredentials().fetch(sha)).hasBinaryContent(jar);
        registry.verify(2, getRequestedFor(urlPathEqualTo(API + "/jars/" + sha)));
    }

    @Test
    void triesAFixedTokenOnceOnOneServerOnly() {
        refuse(get(urlPathEqualTo(API + "/connectors")));
        HttpRegistryClient client = RegistryClient.builder().server(registry.baseUrl()).server(registry.baseUrl())
                .retry(RetryPolicy.defaults()).token("fcr_revoked").build();

        assertThatThrownBy(() -> client.list(RegistryClient.ListQuery.all()))
                .isInstanceOf(AuthenticationException.class);
        registry.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void saysATokenIsNeededWhenNoneWasSent() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":401,"code":"AUTHENTICATION_REQUIRED","detail":"This needs a signed-in caller"}""")));

        assertThatThrownBy(() -> client().build().list(RegistryClient.ListQuery.all()))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.tokenRefused()).isFalse();
                    assertThat(e.code()).isEqualTo("AUTHENTICATION_REQUIRED");
                    assertThat(e.getMessage()).startsWith("The registry needs a token, and none was sent");
                });
        registry.verify(getRequestedFor(urlPathEqualTo(API + "/connectors")).withoutHeader("Authorization"));
    }

    @Test
    void namesTheMissingRoleAndWorkspaceOfAnAccessDenied() {
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":403,"code":"ACCESS_DENIED","requiredRole":"developer","workspace":"default",
                         "detail":"This operation needs the role 'developer' in workspace 'default'; token:ci has 'viewer'"}""")));
        Path jar = TestJars.write(temp, "x.jar", TestJars.bytes(100, 1));

        assertThatThrownBy(() -> client().token("fcr_viewer").build().register("x", jar))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.requiredRole()).isEqualTo("developer");
                    assertThat(e.workspace()).isEqualTo("default");
                    assertThat(e.getMessage()).startsWith("This needs the role 'developer' in workspace 'default'")
                            .contains("token:ci has 'viewer'");
                });
    }

    @Test
    void sendsNothingToTheRegistryWhenNoTokenCanBeHad() {
        provider.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> withClientCredentials().list(RegistryClient.ListQuery.all()))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
        registry.verify(0, anyRequestedFor(anyUrl()));
        provider.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void saysWhyItGaveUpWhenTheRegistryRefusesTooManyFailedSignIns() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0").withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":429,"code":"TOO_MANY_AUTHENTICATION_FAILURES",
                         "detail":"Too many failed sign-ins from this address; try again in 41 s."}""")));

        assertThatThrownBy(() -> client().token("fcr_guess").build().list(RegistryClient.ListQuery.all()))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 429 from " + registry.baseUrl() + " (TOO_MANY_AUTHENTICATION_FAILURES: Too "
                        + "many failed sign-ins from this address; try again in 41 s.)");
    }
}
