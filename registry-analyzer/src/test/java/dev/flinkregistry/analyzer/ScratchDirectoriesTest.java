package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What analyses interrupted by a crash leave in the work directory is removed; what a running
 * analysis uses, and what every analysis shares, is not.
 */
class ScratchDirectoriesTest {

    @Test
    void removesStaleRunDirectoriesButNeverOneInUse(@TempDir Path work) throws Exception {
        ScratchDirectories scratch = new ScratchDirectories(work);
        Path crashed = Files.createDirectories(work.resolve("run-123"));
        Files.writeString(crashed.resolve("connector.jar"), "left behind");
        aged(crashed, Duration.ofHours(2));
        Path legacy = aged(Files.createDirectories(work.resolve("worker-1234567890123")), Duration.ofHours(2));
        Path shared = aged(Files.createDirectories(work.resolve("flink-2.2.0-abc")), Duration.ofHours(2));
        Path jar = aged(Files.writeString(shared.resolve("flink-core.jar"), "jar"), Duration.ofHours(2));
        Path part = aged(Files.writeString(shared.resolve("flink-core.jar123.part"), "half"), Duration.ofHours(2));
        Path workerJar = aged(Files.createDirectories(work.resolve("worker-123456789")), Duration.ofHours(2));
        Files.writeString(workerJar.resolve("registry-analyzer-worker.jar"), "jar");

        try (ScratchDirectories.RunDirectory running = scratch.create()) {
            aged(running.path(), Duration.ofHours(2));

            int removed = scratch.removeStale(Duration.ofMinutes(1));

            assertThat(removed).isEqualTo(3);
            assertThat(crashed).doesNotExist();
            assertThat(legacy).doesNotExist();
            assertThat(part).doesNotExist();
            assertThat(running.path()).isDirectory();
            assertThat(jar).exists();
            assertThat(workerJar.resolve("registry-analyzer-worker.jar")).exists();
        }
    }

    @Test
    void keepsADirectoryYoungerThanTheGraceWhateverTheCallerAsks(@TempDir Path work) throws Exception {
        Path fresh = Files.createDirectories(work.resolve("run-456"));

        int removed = new ScratchDirectories(work).removeStale(Duration.ZERO);

        assertThat(removed).isZero();
        assertThat(fresh).isDirectory();
    }

    @Test
    void removesARunDirectoryWhenItsRunEnds(@TempDir Path work) throws Exception {
        Path used;
        try (ScratchDirectories.RunDirectory run = new ScratchDirectories(work).create()) {
            used = run.path();
            Files.writeString(used.resolve("fstab"), "x");
        }

        assertThat(used).doesNotExist();
    }

    private static Path aged(Path path, Duration age) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
        return path;
    }
}
