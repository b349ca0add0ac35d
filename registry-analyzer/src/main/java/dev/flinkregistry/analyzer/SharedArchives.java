package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class-data-sharing archives of the Flink classes factories load, one per Flink version and
 * worker command line, made once by a training run over the version's built-in factories; they
 * cut the worker's start-up. The training run loads only Flink's and the worker's own classes,
 * never uploaded code, so it runs without the sandbox (it writes the archive). The archive
 * records the class path, which the sandbox keeps at the same paths, so it serves sandboxed workers.
 */
final class SharedArchives {

    /** Runs a trusted training command; true when the worker finished normally. */
    interface Trainer {
        boolean train(FlinkRuntime runtime, List<String> flags, Path runDirectory) throws IOException;
    }

    private final Path directory;
    private final WorkerJvm jvm;
    private final ScratchDirectories scratch;
    private final Map<String, Optional<Path>> byLine = new ConcurrentHashMap<>();

    SharedArchives(Path workDirectory, WorkerJvm jvm, ScratchDirectories scratch) {
        this.directory = workDirectory.toAbsolutePath().resolve("cds");
        this.jvm = jvm;
        this.scratch = scratch;
    }

    /** The archive for the runtime, made now if needed; empty when it cannot be made (workers then start slower). */
    Optional<Path> get(FlinkRuntime runtime, Trainer trainer) {
        return byLine.computeIfAbsent(runtime.line(), line -> {
            // Keyed by the whole command line: an archive is only valid for the flags and class path it was made with.
            String key = Integer.toHexString(String.join(" ", jvm.command(runtime, Path.of("/"), Optional.empty(),
                    List.of())).hashCode());
            Path archive = directory.resolve("worker-" + line + "-" + key + ".jsa");
            if (Files.isRegularFile(archive)) {
                return Optional.of(archive);
            }
            try (ScratchDirectories.RunDirectory run = scratch.create()) {
                Path written = run.path().resolve("worker.jsa");
                if (!trainer.train(runtime, List.of("-XX:ArchiveClassesAtExit=" + written), run.path())
                        || !Files.isRegularFile(written)) {
                    return Optional.empty();
                }
                Files.createDirectories(directory);
                // Readable by the unprivileged user a root server's workers run as.
                ScratchDirectories.setPermissions(written, "rw-r--r--");
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(archive);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The existing archive for the runtime, without making one. */
    Optional<Path> existing(FlinkRuntime runtime) {
        return byLine.getOrDefault(runtime.line(), Optional.empty());
    }

    /** How long a training run may take: it loads every built-in factory of the version. */
    static Duration trainingTimeout(AnalyzerSettings settings) {
        return settings.workerTimeout().plusSeconds(30);
    }
}
