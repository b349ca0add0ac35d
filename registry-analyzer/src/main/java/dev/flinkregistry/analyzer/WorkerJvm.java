package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker JVM's command line: which Java, its memory flags, its class path (the worker's classes,
 * then the Flink version's JARs) and where its class-data-sharing archive is. The task itself never
 * goes on the command line: it is sent on stdin.
 */
final class WorkerJvm {

    /** The event channel as the worker opens it: the launcher's original stdout, moved to fd 3. */
    static final String EVENT_CHANNEL = "/dev/fd/3";

    private final AnalyzerSettings settings;
    private final Path workerClasses;
    private final Map<String, Path> javaByLine = new ConcurrentHashMap<>();

    WorkerJvm(AnalyzerSettings settings) {
        this.settings = settings;
        this.workerClasses = workerClassPath(settings.workDirectory());
    }

    /** The {@code java} executable for the runtime, by its real path: the sandbox binds the real Java home. */
    Path java(FlinkRuntime runtime) {
        return javaByLine.computeIfAbsent(runtime.line(), line -> {
            Path java = WorkerJava.choose(settings.workerJavaHome(), runtime.maxJavaRelease());
            try {
                return java.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("The worker's Java " + java + " is not there", e);
            }
        });
    }

    /** The worker's classes, then the Flink version's JARs. */
    List<Path> classPath(FlinkRuntime runtime) {
        List<Path> path = new ArrayList<>();
        path.add(workerClasses);
        path.addAll(runtime.workerLibrary());
        return path;
    }

    Path workerClasses() {
        return workerClasses;
    }

    /**
     * The command that starts the worker, which then reads its task from stdin.
     *
     * @param scratch the worker's temporary and home directory, as it sees it
     * @param sharedArchive the class-data-sharing archive, when there is one
     * @param extraFlags JVM flags before the main class, e.g. to write an archive
     */
    List<String> command(FlinkRuntime runtime, Path scratch, Optional<Path> sharedArchive, List<String> extraFlags) {
        return command(runtime, scratch, sharedArchive, extraFlags, false);
    }

    /** Like {@link #command(FlinkRuntime, Path, Optional, List)}; {@code warm} for a pre-started worker. */
    List<String> command(FlinkRuntime runtime, Path scratch, Optional<Path> sharedArchive, List<String> extraFlags,
                         boolean warm) {
        int metaspace = settings.workerMetaspaceMiB();
        List<String> command = new ArrayList<>(List.of(
                java(runtime).toString(),
                "-Xmx" + settings.workerHeapMiB() + "m",
                "-Xms16m",
                "-XX:MaxMetaspaceSize=" + metaspace + "m",
                // Both reserve address space up front (1 GiB and 240 MiB by default), which RLIMIT_AS counts.
                "-XX:CompressedClassSpaceSize=" + Math.max(32, metaspace / 2) + "m",
                "-XX:ReservedCodeCacheSize=48m",
                "-Xss1m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-Xlog:disable",
                "-Djava.io.tmpdir=" + scratch,
                "-Duser.home=" + scratch,
                "-Dfile.encoding=UTF-8"));
        sharedArchive.ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath(runtime).stream()
                .map(Path::toString).toList()), WorkerMain.class.getName(), EVENT_CHANNEL));
        if (warm) {
            command.add(WorkerMain.WARM);
        }
        return command;
    }

    /**
     * Where the worker's classes are: their directory when they are not packaged (an IDE's build),
     * else a copy of their JAR in the work directory, keyed by content so that a newer build never
     * runs an older worker. A copy, because the sandbox binds the JAR's directory, and the JAR may
     * sit where a worker must not look (a Maven repository) or cannot reach (a root server's worker
     * runs as another user), or inside the packaged application.
     */
    private static Path workerClassPath(Path workDirectory) {
        try {
            java.net.URL location = WorkerMain.class.getProtectionDomain().getCodeSource().getLocation();
            java.net.URL jar = location;
            if ("file".equals(location.getProtocol())) {
                Path path = Path.of(location.toURI()).toAbsolutePath();
                if (java.nio.file.Files.isDirectory(path)) {
                    return path;
                }
            } else {
                String resource = "analyzer-worker/registry-analyzer-worker.jar";
                jar = WorkerJvm.class.getClassLoader().getResource(resource);
                if (jar == null) {
                    throw new IllegalStateException("Missing resource " + resource);
                }
            }
            byte[] bytes;
            try (java.io.InputStream in = jar.openStream()) {
                bytes = in.readAllBytes();
            }
            Path target = workDirectory.toAbsolutePath()
                    .resolve("worker-" + Integer.toHexString(java.util.Arrays.hashCode(bytes)))
                    .resolve("registry-analyzer-worker.jar");
            return FlinkRuntimes.copyOnce(jar, target);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot find the analysis worker's classes", e);
        }
    }
}
