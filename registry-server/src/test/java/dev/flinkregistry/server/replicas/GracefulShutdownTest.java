package dev.flinkregistry.server.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a server ({@code server.shutdown: graceful}): readiness goes down while it still answers,
 * an upload in flight is finished, and one that cannot finish within the shutdown's time leaves
 * nothing behind: after a restart the versions and the stored bytes agree.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void readinessGoesDownWhileTheServerStillAnswers() throws Exception {
        RunningRegistry registry = RunningRegistry.start(dir, Map.of("registry.shutdown.drain-delay", "2s",
                "registry.analysis.warm-workers", "0"));
        String base = registry.baseUrl();
        assertThat(registry.http().get("/actuator/health/readiness").status()).isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(registry::stop);
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Integer status = readiness(base);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            if (status == null) {
                break;
            }
        }
        stopping.get(60, TimeUnit.SECONDS);

        System.out.println("Readiness while stopping (null: connection refused): " + seen);
        assertThat(seen).as("ready, then refusing traffic while still answering, then not accepting")
                .containsSubsequence(503, null);
        assertThat(seen.get(seen.size() - 1)).isNull();
    }

    @Test
    void anUploadInFlightWhenShutdownStartsIsFinished() throws Exception {
        RunningRegistry registry = RunningRegistry.start(dir, Map.of("registry.analysis.warm-workers", "0"));
        byte[] jar = Files.readAllBytes(TestJars.sequenceV1());
        SlowBody body = new SlowBody(jar);
        CompletableFuture<String> upload = send(registry, body);
        await().atMost(Duration.ofSeconds(30)).until(() -> body.sent() >= jar.length / 2);
        // In flight: being served (a request still queued in Tomcat when the port closes is another matter).
        await().atMost(Duration.ofSeconds(30)).until(() -> activeRequests(registry) >= 2);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(registry::stop);
        int port = URI.create(registry.baseUrl()).getPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> !accepting(port));
        body.release();
        String answer = upload.get(60, TimeUnit.SECONDS);
        stopping.get(60, TimeUnit.SECONDS);

        assertThat(answer).startsWith("HTTP/1.1 201");
        registry.startAgain();
        try {
            Answer versions = registry.http().get(RegistryHttp.DEFAULT + "/connectors/sequence/versions");
            assertThat(versions.status()).as(versions.text()).isEqualTo(200);
            assertThat(versions.json().size()).isEqualTo(1);
            assertThat(versions.json().get(0).path("sha256").asString())
                    .isEqualTo(JarVariants.sha256(TestJars.sequenceV1()));
            Answer bytes = registry.http().get(RegistryHttp.DEFAULT + "/connectors/sequence/versions/1/jar");
            assertThat(bytes.status()).isEqualTo(200);
            assertThat(bytes.bytes()).isEqualTo(jar);
        } finally {
            registry.stop();
        }
    }

    @Test
    void anUploadThatCannotFinishWithinTheShutdownLeavesNothingBehind() throws Exception {
        RunningRegistry registry = RunningRegistry.start(dir, Map.of("registry.analysis.warm-workers", "0",
                "spring.lifecycle.timeout-per-shutdown-phase", "2s"));
        byte[] jar = Files.readAllBytes(TestJars.sequenceV1());
        SlowBody body = new SlowBody(jar);
        CompletableFuture<String> upload = send(registry, body);
        await().atMost(Duration.ofSeconds(30)).until(() -> body.sent() >= jar.length / 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> activeRequests(registry) >= 2);

        registry.stop(); // the body stalls for longer than the shutdown waits
        body.release();
        String outcome;
        try {
            outcome = upload.get(60, TimeUnit.SECONDS);
            assertThat(outcome).doesNotStartWith("HTTP/1.1 201").doesNotStartWith("HTTP/1.1 500");
        } catch (java.util.concurrent.ExecutionException failed) {
            outcome = "connection failed: " + failed.getCause();
        }
        System.out.println("An upload still arriving when the shutdown's time ran out: " + outcome);

        registry.startAgain();
        try {
            Answer connector = registry.http().get(RegistryHttp.DEFAULT + "/connectors/sequence");
            assertThat(connector.status()).as(connector.text()).isEqualTo(404);
            try (Stream<Path> stored = Files.walk(dir.resolve("blobs"))) {
                assertThat(stored.filter(Files::isRegularFile).toList()).as("stored JARs").isEmpty();
            }
        } finally {
            registry.stop();
        }
    }

    /**
     * Sends the upload over a socket of its own: the headers and the first half of the body at once, the
     * rest after {@link SlowBody#release()}; completes with the answer's status line and body, or fails
     * when the connection is closed without one.
     */
    private static CompletableFuture<String> send(RunningRegistry registry, SlowBody body) {
        URI base = URI.create(registry.baseUrl());
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + RegistryHttp.DEFAULT + "/connectors?name=sequence HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + registry.adminToken() + "\r\n"
                        + "Content-Type: application/java-archive\r\nContent-Length: " + body.length() + "\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    body.transferTo(out);
                    out.flush();
                } catch (IOException closed) {
                    // The server may have answered (and closed) before reading the whole body: read its answer.
                }
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (answer.isEmpty()) {
                    throw new IOException("the connection was closed without an answer");
                }
                return answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Requests being served now, this one (asking for the figure) included. */
    private static long activeRequests(RunningRegistry registry) {
        Answer metric = registry.http().get("/actuator/metrics/http.server.requests.active");
        return metric.json().path("measurements").valueStream()
                .filter(m -> m.path("statistic").asString().equals("ACTIVE_TASKS"))
                .mapToLong(m -> m.path("value").asLong()).findFirst().orElse(0);
    }

    /** The readiness probe's status, or null when the server no longer accepts connections. */
    private static Integer readiness(String base) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException refused) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A JAR's bytes, of which the first half is sent at once and the rest only after {@link #release()}. */
    private static final class SlowBody extends InputStream {

        private final byte[] bytes;
        private final AtomicLong position = new AtomicLong();
        private final CountDownLatch released = new CountDownLatch(1);

        SlowBody(byte[] bytes) {
            this.bytes = bytes;
        }

        long length() {
            return bytes.length;
        }

        long sent() {
            return position.get();
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int at = (int) position.get();
            if (at >= bytes.length) {
                return -1;
            }
            if (at >= bytes.length / 2) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int limit = at < bytes.length / 2 ? bytes.length / 2 : bytes.length;
            int n = Math.min(length, limit - at);
            System.arraycopy(bytes, at, target, offset, n);
            position.addAndGet(n);
            return n;
        }
    }
}
