package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.housekeeping.BlobCollector;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An upload that waits for an analysis slot keeps its scratch file, however long it waits and
 * whatever the collector's grace period: the collector sweeps only files no upload holds.
 */
class WaitingUploadApiTest {

    @Test
    void theCollectorLeavesTheFileOfAnUploadWaitingForAnAnalysisSlot() throws Exception {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.analysis.max-concurrent", "1",
                "registry.analysis.timeout", "12s"))) {
            String ws = "/api/v1/workspaces/default";
            // The only slot: an analysis of a factory that hangs until the time limit.
            CompletableFuture<Answer> hanging = CompletableFuture.supplyAsync(() ->
                    registry.http().postJar(ws + "/analysis", TestJars.jar("hostile-fork-then-hang.jar")));
            Await.until("the hanging analysis holds the slot", Duration.ofSeconds(30),
                    () -> hanging.isDone() == false && workerRunning());
            long before = scratchFiles(registry);
            CompletableFuture<Answer> waiting = CompletableFuture.supplyAsync(() ->
                    registry.http().postJar(ws + "/connectors?name=patient", TestJars.sequenceV1()));
            Await.until("the second upload was received and waits", Duration.ofSeconds(30),
                    () -> scratchFiles(registry) == before + 1);

            BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().plusSeconds(3600));

            assertThat(waiting).as("still waiting for the slot when the collector ran").isNotDone();
            assertThat(collected.partialUploads()).isZero();
            assertThat(scratchFiles(registry)).isEqualTo(before + 1);
            assertThat(hanging.get().status()).isEqualTo(200);
            Answer registered = waiting.get();
            assertThat(registered.status()).as(registered.text()).isEqualTo(201);
            assertThat(registry.http().get(ws + "/connectors/patient/versions/1/jar").bytes())
                    .isEqualTo(Files.readAllBytes(TestJars.sequenceV1()));
        }
    }

    private static long scratchFiles(RunningRegistry registry) {
        try (Stream<Path> files = Files.list(registry.dataDir().resolve("tmp"))) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the hanging factory's child (and so its worker) is running. */
    private static boolean workerRunning() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).contains("fcr-hostile-sleeper");
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
