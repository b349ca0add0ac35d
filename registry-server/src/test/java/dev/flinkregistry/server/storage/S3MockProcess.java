package dev.flinkregistry.server.storage;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adobe's S3Mock (from Maven Central, copied to the test JARs by the build) as a process of its own:
 * an S3-compatible server that checks {@code x-amz-checksum-sha256}, which S3Proxy answers with 501.
 * Its own Spring Boot stays out of the tests' class path. Plain HTTP on a free port; it takes any
 * credentials.
 */
final class S3MockProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private S3MockProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts S3Mock with these buckets and waits until it answers. */
    static S3MockProcess start(Path directory, String... buckets) throws IOException, InterruptedException {
        int http = freePort();
        int https = freePort();
        Path log = directory.resolve("s3mock.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", TestJars.jar("s3mock.jar").toString(),
                "--server.port=" + https, "--com.adobe.testing.s3mock.httpPort=" + http,
                "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.region=us-east-1",
                "--com.adobe.testing.s3mock.domain.root=" + Files.createDirectories(directory.resolve("root")),
                "--com.adobe.testing.s3mock.domain.initialBuckets=" + String.join(",", buckets),
                "--spring.main.banner-mode=off");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockProcess server = new S3MockProcess(process, http, log);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock stopped: " + Files.readString(log));
            }
            try {
                int status = client.send(HttpRequest.newBuilder(server.endpoint().resolve("/" + buckets[0]))
                        .timeout(Duration.ofSeconds(2)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        server.close();
        throw new IllegalStateException("S3Mock did not answer within 90 s: " + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "S3Mock on " + endpoint() + " (log " + log + ")";
    }
}
