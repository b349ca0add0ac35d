package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.OidcProvider;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The console's sign-in through a real OpenID Connect provider: a browser (here an HTTP client that
 * keeps cookies and follows redirects) goes to {@code /oauth2/authorization/registry}, signs in at
 * the provider's login form, comes back with a code the registry exchanges (PKCE), and from then on
 * is that user with the roles its groups give; changes still need the CSRF token.
 *
 * <p>Bad inputs tried: a wrong password at the provider, the callback with a forged {@code state}, a
 * change with the session cookie but without the CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBrowserSignInTest {

    private OidcProvider provider;
    private RunningRegistry registry;
    private String base;

    @BeforeAll
    void start() {
        provider = OidcProvider.start();
        provider.user("alice", "wonderland", claims -> claims.claim("preferred_username", "alice")
                .claim("groups", List.of("developers")));
        registry = RunningRegistry.startFresh(Map.of(
                "registry.auth.oidc.issuer-uri", provider.issuer(),
                "registry.auth.oidc.client-id", "registry-console",
                "registry.auth.oidc.group-roles[0].group", "developers",
                "registry.auth.oidc.group-roles[0].workspace", "default",
                "registry.auth.oidc.group-roles[0].role", "developer",
                "registry.auth.failures-per-minute", "1000"));
        base = registry.baseUrl();
        provider.browserClient("registry-console", base + "/login/oauth2/code/registry");
    }

    @AfterAll
    void stop() {
        registry.close();
        provider.close();
    }

    /** A browser: its cookies for both servers (one host, two ports) and the redirects it follows. */
    private static final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            // As a browser navigates: text/html (a provider keeps no request to return to for JSON).
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A call of the console's script to the API. */
        HttpResponse<String> api(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String url, Map<String, String> fields) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    @Test
    void aUserSignsInAtTheProviderAndIsThenThatUserWithTheRolesOfItsGroups() throws Exception {
        Browser browser = signIn("alice", "wonderland");

        JsonNode session = json(browser.api(base + "/api/v1/session"));
        assertThat(session.path("signedIn").asBoolean()).as(session.toString()).isTrue();
        assertThat(session.path("principal").path("name").asString()).isEqualTo("alice");
        assertThat(session.path("principal").path("kind").asString()).isEqualTo("user");
        assertThat(session.path("principal").path("roles").path("default").asString()).isEqualTo("developer");
        assertThat(browser.cookie("FCR_SESSION")).isNotNull();

        HttpResponse<String> registered = browser.http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/workspaces/default/connectors?name=by-alice"))
                .header("Content-Type", "application/java-archive").header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofFile(TestJars.psvFormat())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(json(registered).path("version").path("createdBy").asString()).isEqualTo("alice");

        HttpResponse<String> forged = browser.http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/workspaces/default/connectors/by-alice"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.api(base + "/api/v1/workspaces/default/connectors/by-alice").statusCode())
                .as("the forged deletion deleted nothing").isEqualTo(200);
    }

    @Test
    void theSessionTellsABrowserWhereToSignIn() {
        JsonNode status = registry.http().as(null).get("/api/v1/session").json();

        assertThat(status.path("signedIn").asBoolean()).isFalse();
        assertThat(status.path("signInUrl").asString()).isEqualTo("/oauth2/authorization/registry");
    }

    @Test
    void aWrongPasswordAtTheProviderSignsNobodyIn() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(base + "/oauth2/authorization/registry");
        browser.postForm(providerLoginUrl(login), Map.of("username", "alice", "password", "wrong",
                "_csrf", csrf(login.body())));

        assertThat(json(browser.api(base + "/api/v1/session")).path("signedIn").asBoolean()).isFalse();
        assertThat(browser.api(base + "/api/v1/workspaces/default/connectors").statusCode()).isEqualTo(401);
    }

    @Test
    void aCallbackWithAForgedStateSignsNobodyIn() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> callback = browser.get(base + "/login/oauth2/code/registry?code=stolen&state=forged");

        assertThat(callback.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(json(browser.api(base + "/api/v1/session")).path("signedIn").asBoolean()).isFalse();
    }

    private Browser signIn(String user, String password) throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(base + "/oauth2/authorization/registry");
        assertThat(login.uri().toString()).as("the provider's login form").startsWith(provider.issuer() + "/login");
        assertThat(redirects(login)).as("the registry sent the browser to the provider with a PKCE challenge")
                .anySatisfy(location -> assertThat(location).startsWith(provider.issuer() + "/oauth2/authorize")
                        .contains("code_challenge=", "code_challenge_method=S256"));
        HttpResponse<String> back = browser.postForm(providerLoginUrl(login), Map.of("username", user,
                "password", password, "_csrf", csrf(login.body())));
        assertThat(back.uri().toString()).as("back at the registry, after %s", redirects(back)).isEqualTo(base + "/");
        return browser;
    }

    /** The {@code Location}s of the redirects the browser followed to reach this answer. */
    private static List<String> redirects(HttpResponse<?> response) {
        List<String> locations = new java.util.ArrayList<>();
        for (var previous = response.previousResponse(); previous.isPresent(); previous = previous.get().previousResponse()) {
            previous.get().headers().firstValue("Location").ifPresent(locations::add);
        }
        return locations;
    }

    private static String providerLoginUrl(HttpResponse<String> loginPage) {
        return loginPage.uri().toString();
    }

    private static String csrf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("the login form's CSRF token in %s", html).isTrue();
        return matcher.group(1);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return RegistryHttp.JSON.readTree(response.body());
    }
}
