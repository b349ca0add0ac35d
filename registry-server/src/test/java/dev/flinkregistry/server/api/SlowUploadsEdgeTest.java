package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RawHttp;
import dev.flinkregistry.server.support.RawHttp.Reply;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Clients that send an upload's headers and a few bytes and then stall cannot starve the server:
 * uploads are bounded per principal and overall, refused ones are answered at once without
 * reading their body, and a stalled one is cut after the idle timeout, its scratch file deleted.
 * The server here has 10 request threads, 4 upload slots (2 per client) and a 3 s idle timeout;
 * the clients are raw sockets on loopback, from addresses 127.0.0.2 to 127.0.0.21, each with its
 * own API token (one principal per address). The edge does not touch the database, so this runs
 * on H2 only.
 *
 * <p>Bad inputs tried: 2 stalled uploads of one principal and a third of it; 2 more stalled
 * of two other principals, then 16 of 16 more (20 stalled uploads against 10
 * threads); a stalled multipart upload and a stalled update from one address, and an analysis
 * from it. A stalled multipart form is cut after up to twice the idle timeout: Tomcat's form
 * parser reads once more when it closes the part that timed out.
 */
class SlowUploadsEdgeTest extends RegistryApiTest {

    private static final int THREADS = 10;
    private static final int SLOTS = 4;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a health check or list may take while uploads stall: far less than the idle timeout. */
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    /** Every socket opened, and when its last byte was sent. */
    private final Map<Socket, Long> sockets = new LinkedHashMap<>();
    /** The token of each client address: uploads count against their principal. */
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @Override
    Map<String, Object> settings() {
        return Map.of("server.tomcat.threads.max", String.valueOf(THREADS),
                "server.tomcat.threads.min-spare", String.valueOf(THREADS),
                "registry.uploads.max-concurrent", String.valueOf(SLOTS),
                "registry.uploads.max-concurrent-per-client", "2",
                "registry.uploads.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets.keySet()) {
            socket.close();
        }
        sockets.clear();
        Await.until("every upload slot given back, every scratch file deleted", Duration.ofSeconds(30),
                () -> scratchFiles() == 0);
    }

    @Test
    void stalledUploadsLeaveTheServerAnsweringAndAreCutAfterTheIdleTimeout() throws IOException {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        String upload = workspace + "/connectors?name=stalled";

        List<Socket> stalled = new ArrayList<>(List.of(stall(upload, "127.0.0.2"), stall(upload, "127.0.0.2")));
        awaitScratchFiles(2);
        assertRefused(stall(upload, "127.0.0.2"), 429, "TOO_MANY_UPLOADS", 2);
        stalled.add(stall(upload, "127.0.0.3"));
        stalled.add(stall(upload, "127.0.0.4"));
        awaitScratchFiles(SLOTS);
        for (int client = 5; client <= 20; client++) {
            assertRefused(stall(upload, "127.0.0." + client), 503, "UPLOADS_BUSY", SLOTS);
        }

        long probing = System.nanoTime();
        Answer liveness = quickly("/actuator/health/liveness");
        Answer list = quickly(workspace + "/connectors");
        Duration probes = Duration.ofNanos(System.nanoTime() - probing);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(names(list)).containsExactly("sequence");
        assertThat(scratchFiles()).as("the stalled uploads are still held while the server answers").isEqualTo(SLOTS);

        List<Long> cuts = new ArrayList<>();
        for (Socket socket : stalled) {
            cuts.add(assertCutAfterTheIdleTimeout(socket).toMillis());
        }
        Await.until("the stalled uploads' scratch files deleted", Duration.ofSeconds(10), () -> scratchFiles() == 0);
        System.out.printf("slow uploads: health + list took %d ms with %d uploads stalled and 17 refused on %d threads; "
                + "stalled uploads cut %s ms after their last byte (idle timeout %d ms)%n", probes.toMillis(), SLOTS,
                THREADS, cuts, IDLE_TIMEOUT.toMillis());
        assertThat(names(http.get(workspace + "/connectors"))).containsExactly("sequence");
        Answer again = update(workspace, "sequence", TestJars.sequenceV2());
        assertThat(again.status()).as("slots are given back: " + again.text()).isEqualTo(201);
    }

    @Test
    void stalledMultipartUploadsAndUpdatesTakeSlotsToo() throws IOException {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        String form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jar\"\r\n\r\nPK";

        Socket multipart = stall(workspace + "/connectors?name=form", "127.0.0.30", "multipart/form-data; boundary=b",
                form);
        Socket update = stall(workspace + "/connectors/sequence/versions", "127.0.0.30", "application/java-archive",
                "PK");
        awaitScratchFiles(1);
        assertRefused(stall(workspace + "/analysis", "127.0.0.30"), 429, "TOO_MANY_UPLOADS", 2);

        assertThat(quickly("/actuator/health/liveness").status()).isEqualTo(200);
        Duration updateCut = assertCutAfterTheIdleTimeout(update);
        Duration multipartCut = assertCutAfterTheIdleTimeout(multipart);
        System.out.printf("slow uploads: a stalled multipart upload cut after %d ms, a stalled update after %d ms%n",
                multipartCut.toMillis(), updateCut.toMillis());
        assertThat(http.get(workspace + "/connectors/sequence/versions").json()).hasSize(1);
        assertProblem(http.get(workspace + "/connectors/form"), 404, "CONNECTOR_NOT_FOUND");
    }

    /** Sends an upload's headers (announcing a 1 MB JAR) and its first bytes, then nothing more. */
    private Socket stall(String path, String from) throws IOException {
        return stall(path, from, "application/java-archive", "PK\u0003\u0004");
    }

    private Socket stall(String path, String from, String contentType, String firstBytes) throws IOException {
        Socket socket = RawHttp.open(http.baseUrl(), from);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nAuthorization: Bearer " + tokenOf(from)
                + "\r\nContent-Length: 1048576\r\n\r\n" + firstBytes).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        sockets.put(socket, System.nanoTime());
        return socket;
    }

    /** A token of its own for each client address, made the first time it uploads. */
    private String tokenOf(String address) {
        return tokens.computeIfAbsent(address, a -> {
            Answer created = http.postJson("/api/v1/tokens", Map.of("name", "client-" + a.replace('.', '-'),
                    "role", "platform-admin"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            return created.json().path("token").asString();
        });
    }

    /** The upload was answered at once, without its body, with the limit and when to retry; the connection ends. */
    private static void assertRefused(Socket socket, int status, String code, int limit) throws IOException {
        Reply reply = RawHttp.read(socket.getInputStream());
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = reply.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("limit").asInt()).isEqualTo(limit);
        assertThat(reply.header("Retry-After")).isEqualTo("10");
        assertThat(RawHttp.closedByServer(socket)).as("the connection ends instead of reading the body").isTrue();
    }

    /**
     * The server ends the connection of a stalled upload about one idle timeout after its last
     * byte, with a 408 if it can still write one; returns how long after.
     */
    private Duration assertCutAfterTheIdleTimeout(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        Duration after = Duration.ofNanos(System.nanoTime() - sockets.get(socket));
        assertThat(after).as("cut after %s (%s)", after, answer)
                .isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(500)).isLessThan(IDLE_TIMEOUT.multipliedBy(3));
        assertThat(answer).as("what the stalled upload got").satisfiesAnyOf(
                text -> assertThat(text).isEmpty(),
                text -> assertThat(text).startsWith("HTTP/1.1 408 ").contains("\"code\":\"REQUEST_TIMEOUT\""));
        return after;
    }

    /** Asks for the path with a deadline of {@link #QUICKLY}: a starved server fails it. */
    private Answer quickly(String path) {
        return http.send(http.request(path).timeout(QUICKLY).GET().build());
    }

    private void awaitScratchFiles(int count) {
        Await.until(count + " uploads receiving", Duration.ofSeconds(10), () -> scratchFiles() == count,
                () -> "scratch files: " + scratchFiles());
    }

    private long scratchFiles() {
        try (Stream<Path> files = Files.list(registry.dataDir().resolve("tmp"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
