package dev.flinkregistry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console's files, over real HTTP: {@code /} is {@code static/index.html} and the
 * console's modules are under {@code /console/}, readable without signing in (the console signs in
 * through the API), with the browser headers of every answer, and revalidated on every use against
 * an ETag so that a new release shows at once. The API still needs a caller. Asserts nothing of
 * the files' content, which is the console's.
 */
class ConsoleFilesTest {

    private static RunningRegistry registry;
    private static RegistryHttp anonymous;

    @BeforeAll
    static void start() {
        registry = RunningRegistry.startFresh(Map.of());
        anonymous = registry.http().as(null);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void servesTheWelcomePageToAnyoneWithTheBrowserHeaders() {
        Answer root = anonymous.get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).startsWith("text/html");
        assertThat(root.bytes()).isEqualTo(anonymous.get("/index.html").bytes());
        assertBrowserHeaders(root);
    }

    @Test
    void servesTheConsoleModulesToAnyone() {
        Answer module = anonymous.get("/console/app.js");

        assertThat(module.status()).isEqualTo(200);
        assertThat(module.contentType()).matches("(text|application)/javascript.*");
        assertBrowserHeaders(module);
    }

    @Test
    void answersUnchangedFilesWithNotModified() {
        for (String path : new String[] {"/", "/console/app.js", "/openapi.yaml"}) {
            String etag = anonymous.get(path).header("ETag");

            Answer again = anonymous.get(path, "If-None-Match", etag);

            assertThat(etag).as("ETag of %s", path).isNotBlank();
            assertThat(again.status()).as("%s revalidated", path).isEqualTo(304);
            assertThat(again.bytes()).isEmpty();
            assertThat(anonymous.get(path, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        }
    }

    @Test
    void answersAMissingConsoleFileWithAProblem() {
        Answer missing = anonymous.get("/console/missing.js");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void keepsTheApiForCallers() {
        assertThat(anonymous.get("/api/v1/workspaces").status()).isEqualTo(401);
        assertThat(registry.http().get("/api/v1/workspaces").status()).isEqualTo(200);
        assertThat(registry.http().get("/api/v1/workspaces").header("ETag")).as("API answers are not buffered for an ETag")
                .isNull();
    }

    private static void assertBrowserHeaders(Answer answer) {
        assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "style-src 'self'");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer.header("ETag")).isNotBlank();
        assertThat(answer.header("Last-Modified")).as("the same for every file of a reproducible build").isNull();
    }
}
