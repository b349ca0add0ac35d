package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The console's way in: a browser signs in once with an API token and then sends an HttpOnly,
 * SameSite session cookie; any change made with the cookie needs the session's CSRF token, so a
 * page on another origin cannot make one. Also the headers every answer carries, and what needs a
 * platform administrator outside the API.
 *
 * <p>Bad inputs tried: a cross-site multipart POST and a JSON POST with the cookie but without the
 * CSRF token, a wrong CSRF token, signing in with an unknown token, the cookie after its token was
 * revoked (also with any other {@code Authorization} header beside it: {@code x}, Basic, empty), a
 * CSRF token in the query string instead of the header, a CSRF token from before the sign-in, a
 * CORS preflight from another origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiTest {

    private static final String CONNECTORS = "/api/v1/workspaces/default/connectors";
    private static final String MEMBERS = "/api/v1/workspaces/default/members";

    private RunningRegistry registry;
    private RegistryHttp admin;

    @BeforeAll
    void start() {
        registry = RunningRegistry.startFresh(Map.of());
        admin = registry.http();
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    /** A signed-in browser: its cookies, sent by hand, and the CSRF token the sign-in gave. */
    private record Browser(String cookies, String csrf, JsonNode session) {}

    @Test
    void signingInSetsAnHttpOnlySameSiteCookieAndGivesTheCsrfToken() {
        Answer answer = signIn(token("developer"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> cookies = answer.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("FCR_SESSION=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict"));
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN="));
        assertThat(answer.json().path("csrfHeader").asString()).isEqualTo("X-XSRF-TOKEN");
        assertThat(answer.json().path("principal").path("roles").path("default").asString()).isEqualTo("developer");
    }

    @Test
    void aCookieSignedInBrowserReadsAndChangesWithTheCsrfToken() {
        Browser browser = browser(token("developer"));

        assertThat(send(browser, "GET", CONNECTORS, null, null).status()).isEqualTo(200);
        Answer registered = send(browser, "POST", CONNECTORS + "?name=from-browser", browser.csrf(), jarBody());
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.json().path("version").path("createdBy").asString()).startsWith("token:developer-");
    }

    @Test
    void readingWithTheCookieLeavesTheCsrfCookieAloneSoTheNextChangeStillWorks() {
        Browser browser = browser(token("admin"));

        for (String path : List.of(CONNECTORS, "/api/v1/workspaces", "/api/v1/whoami", "/api/v1/session", MEMBERS)) {
            Answer read = send(browser, "GET", path, null, null);
            assertThat(read.status()).as(path + ": " + read.text()).isEqualTo(200);
            // A browser obeys Set-Cookie: an emptied XSRF-TOKEN would leave its next change without the token.
            assertThat(read.headers().allValues("Set-Cookie")).as(path)
                    .noneMatch(cookie -> cookie.startsWith("XSRF-TOKEN=;") || cookie.startsWith("FCR_SESSION="));
        }
        Answer granted = sendJson(browser, "PUT", MEMBERS + "/after-reads", browser.csrf(), "{\"role\": \"viewer\"}", null);
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
    }

    @Test
    void aChangeWithTheCookieButWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Browser browser = browser(token("developer"));
        long before = connectors();

        Answer forged = send(browser, "POST", CONNECTORS + "?name=forged", null, jarBody());
        Answer wrong = send(browser, "POST", CONNECTORS + "?name=forged", "not-the-token", jarBody());
        Answer multipart = sendMultipart(browser, CONNECTORS);

        for (Answer answer : List.of(forged, wrong, multipart)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            assertThat(answer.json().path("code").asString()).isEqualTo("CSRF_TOKEN_MISSING");
        }
        assertThat(connectors()).isEqualTo(before);
        assertThat(admin.get(CONNECTORS + "/forged").status()).isEqualTo(404);
    }

    @Test
    void revokingTheTokenEndsTheSession() {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "console", "workspace", "default",
                "role", "viewer"));
        Browser browser = browser(created.json().path("token").asString());
        assertThat(send(browser, "GET", CONNECTORS, null, null).status()).isEqualTo(200);

        admin.delete("/api/v1/tokens/" + created.json().path("details").path("id").asLong());

        assertThat(send(browser, "GET", CONNECTORS, null, null).status()).isEqualTo(401);
    }

    @Test
    void aRevokedSessionStaysEndedWhateverAuthorizationHeaderComesWithTheCookie() {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "console-admin", "workspace", "default",
                "role", "admin"));
        Browser browser = browser(created.json().path("token").asString());
        assertThat(send(browser, "GET", MEMBERS, null, null).status()).isEqualTo(200);
        long tokensBefore = admin.get("/api/v1/tokens").json().size();
        admin.delete("/api/v1/tokens/" + created.json().path("details").path("id").asLong());

        for (String authorization : List.of("x", "Basic Zm9vOmJhcg==", "")) {
            Answer read = sendJson(browser, "GET", MEMBERS, null, null, authorization);
            Answer grant = sendJson(browser, "PUT", MEMBERS + "/mallory", null, "{\"role\": \"admin\"}", authorization);
            Answer mint = sendJson(browser, "POST", "/api/v1/tokens", null,
                    "{\"name\": \"zombie\", \"workspace\": \"default\", \"role\": \"admin\"}", authorization);
            assertThat(List.of(read, grant, mint)).as("Authorization: '%s'", authorization)
                    .allSatisfy(answer -> assertThat(answer.status()).isIn(401, 403));
        }
        assertThat(admin.get(MEMBERS).json().toString()).doesNotContain("mallory");
        assertThat(admin.get("/api/v1/tokens").json().size()).isEqualTo(tokensBefore);
        assertThat(admin.get("/api/v1/tokens").json().toString()).doesNotContain("zombie");
    }

    @Test
    void anAuthorizationHeaderThatIsNoBearerTokenDoesNotSkipTheCsrfCheck() {
        Browser browser = browser(token("admin"));

        Answer withHeader = sendJson(browser, "PUT", MEMBERS + "/mallory", null, "{\"role\": \"admin\"}", "x");
        Answer inQuery = sendJson(browser, "PUT", MEMBERS + "/mallory?_csrf=" + browser.csrf(), null,
                "{\"role\": \"admin\"}", null);

        for (Answer answer : List.of(withHeader, inQuery)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            assertThat(answer.json().path("code").asString()).isEqualTo("CSRF_TOKEN_MISSING");
        }
        assertThat(admin.get(MEMBERS).json().toString()).doesNotContain("mallory");
        Answer proper = sendJson(browser, "PUT", MEMBERS + "/carol", browser.csrf(), "{\"role\": \"viewer\"}", null);
        assertThat(proper.status()).as(proper.text()).isEqualTo(200);
    }

    @Test
    void signingInGivesANewCsrfToken() {
        Answer before = admin.as(null).get("/api/v1/session");
        String earlier = before.json().path("csrfToken").asString();
        String earlierCookie = before.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).orElseThrow();

        Answer signedIn = admin.send(admin.as(null).request("/api/v1/session", "Cookie", earlierCookie,
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"token\": \"" + token("admin") + "\"}")).build());

        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        assertThat(earlier).isNotBlank();
        assertThat(signedIn.json().path("csrfToken").asString()).isNotBlank().isNotEqualTo(earlier);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("XSRF-TOKEN=").doesNotStartWith(earlierCookie + ";"));
    }

    @Test
    void signingOutEndsTheSession() {
        Browser browser = browser(token("viewer"));

        assertThat(send(browser, "DELETE", "/api/v1/session", browser.csrf(), null).status()).isEqualTo(204);

        assertThat(send(browser, "GET", CONNECTORS, null, null).status()).isEqualTo(401);
    }

    @Test
    void signingInWithAnUnknownTokenIsRefused() {
        Answer answer = signIn("fcr_" + "B".repeat(40) + "000000");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("FCR_SESSION"));
    }

    @Test
    void bearerRequestsNeedNoCsrfTokenAndGetNoSession() {
        Answer answer = admin.as(token("developer")).postJar(CONNECTORS + "?name=by-bearer", TestJars.psvFormat());

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("FCR_SESSION"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Answer answer : List.of(admin.get(CONNECTORS), admin.as(null).get(CONNECTORS), admin.get("/openapi.yaml"))) {
            assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void otherOriginsAreNotAllowedUnlessConfigured() {
        HttpRequest preflight = admin.request(CONNECTORS, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();

        Answer answer = admin.send(preflight);

        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void healthIsOpenWhileMetricsNeedAPlatformAdministrator() {
        assertThat(admin.as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(admin.as(null).get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(admin.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(admin.as(token("admin")).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(admin.as(null).get("/actuator/metrics").status()).isEqualTo(401);
    }

    private Browser browser(String token) {
        Answer answer = signIn(token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        String cookies = String.join("; ", answer.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList());
        return new Browser(cookies, answer.json().path("csrfToken").asString(), answer.json());
    }

    private Answer signIn(String token) {
        return admin.as(null).postJson("/api/v1/session", Map.of("token", token));
    }

    private Answer send(Browser browser, String method, String path, String csrf, byte[] body) {
        HttpRequest.Builder request = admin.as(null).request(path, "Cookie", browser.cookies());
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        if (body != null) {
            request.header("Content-Type", "application/java-archive");
        }
        return admin.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A JSON request with the browser's cookies, an optional CSRF header and an optional Authorization header. */
    private Answer sendJson(Browser browser, String method, String path, String csrf, String json, String authorization) {
        HttpRequest.Builder request = admin.as(null).request(path, "Cookie", browser.cookies());
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return admin.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** What a page on another origin can make a browser send: a form post, with the cookie, without the token. */
    private Answer sendMultipart(Browser browser, String path) {
        String boundary = "----cross-site";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nforged\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] jar = jarBody();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + jar.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(jar, 0, body, head.length, jar.length);
        System.arraycopy(tail, 0, body, head.length + jar.length, tail.length);
        return admin.send(admin.as(null).request(path, "Cookie", browser.cookies(), "Origin", "https://evil.example",
                "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] jarBody() {
        try {
            return Files.readAllBytes(TestJars.rowFileSink());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long connectors() {
        return admin.get(CONNECTORS).json().path("total").asLong();
    }

    private String token(String role) {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", role + "-" + System.nanoTime(),
                "workspace", "default", "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("token").asString();
    }
}
