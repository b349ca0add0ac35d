package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.AccessDeniedException;
import dev.flinkregistry.client.ClientCredentials;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.TokenSource;
import dev.flinkregistry.client.model.Identity;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestClock;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client signing in with OAuth 2 client credentials against real parties: a Spring
 * Authorization Server issues the JWTs, and the packaged registry server trusts it as its OpenID
 * Connect issuer ({@code registry.auth.oidc.issuer-uri}), giving the role from the tokens'
 * {@code groups} claim ({@code registry.auth.oidc.group-roles}). The client finds the token
 * endpoint in the issuer's discovery document, fetches a JWT, uses it, renews it before it expires
 * (its clock moved by the test), and replaces one the server refuses as expired.
 */
class OAuth2ClientCredentialsAgainstServerTest {

    private static final AuthorizationServer.Client SUBMITTER = new AuthorizationServer.Client("job-submitter",
            "submitter-secret", Duration.ofMinutes(5), List.of("flink-developers"));
    /** Tokens that expire after 2 s: the server, which allows no clock skew here, soon refuses them. */
    private static final AuthorizationServer.Client SHORT_LIVED = new AuthorizationServer.Client("short-lived",
            "short-secret", Duration.ofSeconds(2), List.of("flink-developers"));

    @TempDir
    static Path temp;

    private static AuthorizationServer provider;
    private static RegistryServerProcess registry;

    @BeforeAll
    static void startTheProviderAndARegistryThatTrustsIt() throws IOException {
        provider = AuthorizationServer.start(SUBMITTER, SHORT_LIVED);
        registry = RegistryServerProcess.start(Files.createTempDirectory("registry-e2e-oidc-"), Map.of(
                "registry.auth.oidc.issuer-uri", provider.issuer().toString(),
                "registry.auth.oidc.clock-skew", "0s",
                "registry.auth.oidc.group-roles[0].group", "flink-developers",
                "registry.auth.oidc.group-roles[0].workspace", "default",
                "registry.auth.oidc.group-roles[0].role", "developer"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    /** Remembers every token the client sent, in order. */
    private record Recording(TokenSource delegate, List<String> sent) implements TokenSource {
        Recording(TokenSource delegate) {
            this(delegate, new CopyOnWriteArrayList<>());
        }

        @Override
        public String token() {
            String token = delegate.token();
            sent.add(token);
            return token;
        }

        @Override
        public boolean refused(String rejected) {
            return delegate.refused(rejected);
        }
    }

    private static Recording credentials(AuthorizationServer.Client client, TestClock clock) {
        return new Recording(ClientCredentials.fromIssuer(provider.issuer(), client.id(), client.secret())
                .scopes("registry").clock(clock).build());
    }

    private static HttpRegistryClient client(TokenSource tokens, String cache) {
        return RegistryClient.builder().server(registry.baseUrl()).workspace("default").tokenSource(tokens)
                .cacheDirectory(temp.resolve(cache)).requestTimeout(Duration.ofMinutes(3)).build();
    }

    @Test
    void fetchesAJwtUsesItAndRenewsItBeforeItExpires() {
        TestClock clock = new TestClock(Instant.now());
        Recording tokens = credentials(SUBMITTER, clock);
        HttpRegistryClient client = client(tokens, "cache-renewal");
        int issuedBefore = AuthorizationServer.ISSUED.get();

        Identity caller = client.whoami();
        UploadResult registered = client.register("sequence", TestJars.sequenceV1());
        clock.advance(Duration.ofSeconds(269));
        Identity stillTheFirstToken = client.whoami();
        clock.advance(Duration.ofSeconds(1));
        Identity withTheSecondToken = client.whoami();

        assertThat(caller.name()).isEqualTo("job-submitter");
        assertThat(caller.kind()).isEqualTo("user");
        assertThat(caller.roleIn("default")).hasValue("developer");
        assertThat(registered.created()).isTrue();
        assertThat(registered.version().createdBy()).isEqualTo("job-submitter");
        assertThat(List.of(stillTheFirstToken, withTheSecondToken)).containsOnly(caller);
        assertThat(tokens.sent()).hasSize(4);
        assertThat(tokens.sent().subList(0, 3)).containsOnly(tokens.sent().get(0));
        assertThat(tokens.sent().get(3)).isNotEqualTo(tokens.sent().get(0)).contains(".");
        assertThat(AuthorizationServer.ISSUED.get() - issuedBefore).isEqualTo(2);
    }

    @Test
    void needsThePlatformAdministratorsRoleToScrub() {
        HttpRegistryClient client = client(credentials(SUBMITTER, new TestClock(Instant.now())), "cache-denied");

        assertThatThrownBy(() -> client.administration().scrub())
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.requiredRole()).isEqualTo("platform-admin");
                    assertThat(e.getMessage()).contains("platform administrator", "job-submitter");
                });
    }

    @Test
    void fetchesANewJwtWhenTheServerRefusesAnExpiredOne() {
        // The client's clock stands still, so it keeps the token until the server refuses it.
        Recording tokens = credentials(SHORT_LIVED, new TestClock(Instant.now()));
        HttpRegistryClient client = client(tokens, "cache-expiry");
        assertThat(client.whoami().name()).isEqualTo("short-lived");
        String first = tokens.sent().get(0);

        Await.until("the registry refuses the first token as expired", Duration.ofSeconds(60),
                () -> whoamiStatus(first) == 401, registry::logTail);
        Identity caller = client.whoami();

        assertThat(caller.name()).isEqualTo("short-lived");
        assertThat(tokens.sent()).hasSize(3);
        assertThat(tokens.sent().get(1)).isEqualTo(first);
        assertThat(tokens.sent().get(2)).isNotEqualTo(first);
    }

    private static int whoamiStatus(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/api/v1/whoami"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
