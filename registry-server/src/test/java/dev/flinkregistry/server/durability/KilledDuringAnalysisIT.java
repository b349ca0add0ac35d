package dev.flinkregistry.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.PackagedServer;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN rule 3's "nothing it starts outlives it", at its hardest: the packaged server is killed
 * with {@code kill -9} while it analyses a JAR whose factory has started a child process and hangs.
 * The worker, its child and everything in its sandbox die with the server.
 */
class KilledDuringAnalysisIT {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final String MARKER = "fcr-hostile-sleeper";

    @TempDir
    Path temp;

    @Test
    void killingTheServerMidAnalysisLeavesNoProcessOfTheJarBehind() throws Exception {
        assertThat(survivors()).as("no sleeper of an earlier test").isEmpty();
        Path serverJar = PackagedServer.copyTo(temp);
        try (RegistryServerProcess server = RegistryServerProcess.launch(serverJar, Loopback.freePort(),
                temp.resolve("data"), Map.of("registry.analysis.timeout", "120s"), temp.resolve("server.log"))) {
            server.awaitHealthy(STARTUP);
            HttpRequest analysis = HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/v1/workspaces/default/analysis"))
                    .header("Authorization", "Bearer " + server.adminToken())
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(TestJars.jar("hostile-fork-then-hang.jar"))).build();
            CompletableFuture<HttpResponse<Void>> pending = HttpClient.newHttpClient()
                    .sendAsync(analysis, HttpResponse.BodyHandlers.discarding());

            Await.until("the hanging factory's child is running", STARTUP, () -> !survivors().isEmpty(),
                    server::logTail);
            server.kill();

            assertThat(server.isAlive()).isFalse();
            Await.until("the worker and its child died with the server", Duration.ofSeconds(15),
                    () -> survivors().isEmpty(), () -> "still running: " + survivors());
            assertThat(pending).failsWithin(Duration.ofSeconds(30));
        }
    }

    /** The command lines of processes with the hostile JARs' marker, anywhere on this machine. */
    private static List<String> survivors() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    return "";
                }
            }).filter(cmdline -> cmdline.contains(MARKER)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
