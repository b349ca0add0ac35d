package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RawHttp;
import dev.flinkregistry.server.support.RawHttp.Reply;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.ServerLog;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No request bytes reach the server's log (DESIGN rule 9), and bad input is no server error:
 * while each test's bad requests are answered, the log gets no entry that quotes them and no
 * warning or error at all. Every request carries a marker, and most a forged log line after a
 * CR LF; the log is captured through Logback, Tomcat's entries included.
 *
 * <p>Bad inputs tried: a form-encoded body (with invalid %-escapes) to register, update, analyse,
 * create a workspace, resolve, move {@code current} (PUT) and delete (DELETE); a query string with
 * an invalid %-escape; a multipart body without a boundary and one cut off inside a part's
 * headers; malformed JSON and an unparseable Content-Type on a JSON endpoint; and over a raw
 * socket, a request target with characters HTTP forbids, an invalid Host header, a cookie value
 * with a quote inside, an unknown method named like the marker (and PATCH where it is not
 * allowed), and a chunked upload whose chunk size is not hexadecimal.
 */
class RequestBytesInLogsEdgeTest extends RegistryApiTest {

    private static final String MARKER = "FORGED7d1f";
    private static final String FORGED_LINE = "\r\n2026-01-01T00:00:00.000Z ERROR 1 --- [main] " + MARKER + " : admin logged in";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String DEFAULT_CONNECTORS = "/api/v1/workspaces/default/connectors";
    private static final byte[] FORM_BODY = ("name=" + MARKER + "%zz&version=%" + FORGED_LINE + "&x=%%")
            .getBytes(StandardCharsets.UTF_8);

    private ServerLog log;

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @BeforeAll
    void captureTheLog() {
        log = ServerLog.capture();
    }

    @AfterAll
    void releaseTheLog() {
        if (log != null) {
            log.close();
        }
    }

    @BeforeEach
    void forgetEarlierEntries() {
        log.clear();
    }

    @Test
    void formEncodedBodiesAreNeitherParsedNorLogged() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        assertProblem(http.post(workspace + "/connectors?name=x", FORM, FORM_BODY), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.post(workspace + "/connectors/sequence/versions", FORM, FORM_BODY), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.post(workspace + "/analysis", FORM, FORM_BODY), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.post(WORKSPACES, FORM, FORM_BODY), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.post(workspace + "/resolve", FORM, FORM_BODY), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.send(http.request(workspace + "/connectors/sequence/current", "Content-Type", FORM)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(FORM_BODY)).build()), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        Answer delete = http.send(http.request(workspace + "/connectors/sequence", "Content-Type", FORM)
                .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(FORM_BODY)).build());
        assertThat(delete.status()).as(delete.text()).isEqualTo(204);

        assertNothingQuotedNorWarned();
    }

    @Test
    void aQueryStringWithAnInvalidEscapeIsABadRequestThatIsNotLogged() {
        Reply reply = RawHttp.exchange(http.baseUrl(), "POST " + DEFAULT_CONNECTORS + "?name=" + MARKER + "%zz%0d%0a"
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/java-archive\r\nContent-Length: 4\r\n"
                + "Authorization: Bearer " + http.token() + "\r\nConnection: close\r\n\r\nPK..");

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.text()).doesNotContain(MARKER);
        assertNothingQuotedNorWarned();
    }

    @Test
    void unreadableMultipartBodiesAreNotLogged() {
        String workspace = newWorkspace();
        byte[] cutShort = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + MARKER + FORGED_LINE)
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(http.post(workspace + "/connectors?name=x", "multipart/form-data", FORM_BODY), 400,
                "MALFORMED_REQUEST");
        assertProblem(http.post(workspace + "/connectors?name=x", "multipart/form-data; boundary=b", cutShort), 400,
                "MALFORMED_REQUEST");
        assertProblem(http.get(workspace + "/connectors/x"), 404, "CONNECTOR_NOT_FOUND");
        assertNothingQuotedNorWarned();
    }

    @Test
    void malformedJsonAndContentTypesAreNotLogged() {
        String workspace = newWorkspace();

        assertProblem(http.postJson(workspace + "/validate", "{\"sql\": " + MARKER + FORGED_LINE), 400,
                "MALFORMED_REQUEST");
        assertProblem(http.post(workspace + "/validate", MARKER + "/x; a=\"" + MARKER, "{}".getBytes()), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertNothingQuotedNorWarned();
    }

    @Test
    void malformedRequestLinesHostsCookiesAndMethodsAreNotLogged() {
        Reply target = RawHttp.exchange(http.baseUrl(), "GET /api/v1/{" + MARKER + "} HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        Reply host = RawHttp.exchange(http.baseUrl(), "GET /actuator/health/liveness HTTP/1.1\r\nHost: " + MARKER
                + "{}\r\nConnection: close\r\n\r\n");
        Reply cookie = RawHttp.exchange(http.baseUrl(), "GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n"
                + "Cookie: JSESSIONID=x; a=b\"" + MARKER + " c\r\nConnection: close\r\n\r\n");
        Reply method = RawHttp.exchange(http.baseUrl(), MARKER + " " + WORKSPACES + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(target.status()).isEqualTo(400);
        assertThat(host.status()).isEqualTo(400);
        assertThat(cookie.status()).isEqualTo(200);
        assertThat(method.status()).as("Spring Security's firewall refuses unknown methods").isEqualTo(400);
        assertProblem(http.send(http.request(WORKSPACES).method("PATCH", HttpRequest.BodyPublishers.noBody()).build()),
                405, "METHOD_NOT_ALLOWED");
        assertNothingQuotedNorWarned();
    }

    @Test
    void aBrokenChunkedUploadIsABadRequestThatIsNotLogged() {
        String workspace = newWorkspace();

        Reply reply = RawHttp.exchange(http.baseUrl(), "POST " + workspace + "/connectors?name=chunks HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/java-archive\r\nTransfer-Encoding: chunked\r\n"
                + "Authorization: Bearer " + http.token() + "\r\n"
                + "Connection: close\r\n\r\n4\r\nPK..\r\n" + MARKER + "\r\n");

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertProblem(http.get(workspace + "/connectors/chunks"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(registry.dataDir().resolve("tmp")).isEmptyDirectory();
        assertNothingQuotedNorWarned();
    }

    private void assertNothingQuotedNorWarned() {
        assertThat(log.entries()).as("server log entries").noneMatch(entry -> entry.contains(MARKER))
                .noneMatch(entry -> entry.startsWith("WARN ") || entry.startsWith("ERROR "));
    }
}
