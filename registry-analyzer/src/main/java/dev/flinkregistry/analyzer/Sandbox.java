package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Runs the analysis worker in a separate, short-lived JVM: limited heap and metaspace, a
 * wall-clock timeout after which its whole process tree is killed, an empty environment, and a
 * scratch working directory that is deleted afterwards. Uploaded code never runs in this JVM.
 */
final class Sandbox {

    private static final int MAX_EVENT_LINES = 100_000;
    private static final String OOM_MARKER = "java.lang.OutOfMemoryError";

    private final AnalyzerSettings settings;
    private final Path workerClasses;
    private final java.util.Map<String, java.util.Optional<Path>> sharedArchives = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Path> javaByLine = new java.util.concurrent.ConcurrentHashMap<>();

    Sandbox(AnalyzerSettings settings) {
        this.settings = settings;
        this.workerClasses = workerClassPath(settings.workDirectory());
    }

    /** How a worker run ended. */
    enum Outcome { COMPLETED, TIMED_OUT, OUT_OF_MEMORY, EXITED, CRASHED }

    /** What one worker run reported. */
    record Run(Outcome outcome, List<JsonNode> results, String unfinishedClass, int exitCode, String stderrTail,
               long peakRssKiB) {}

    Run run(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared, java.time.Duration timeout)
            throws IOException {
        Files.createDirectories(settings.workDirectory());
        Path scratch = Files.createTempDirectory(settings.workDirectory(), "worker-");
        try {
            List<String> command = command(runtime, jar, declared, undeclared, scratch);
            sharedArchive(runtime).ifPresent(archive -> command.add(1, "-XX:SharedArchiveFile=" + archive));
            return runIn(scratch, command, timeout);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private List<String> command(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared,
                                 Path scratch) {
        List<String> command = new ArrayList<>(List.of(
                java(runtime).toString(),
                "-Xmx" + settings.workerHeapMiB() + "m",
                "-Xms16m",
                "-XX:MaxMetaspaceSize=" + settings.workerMetaspaceMiB() + "m",
                "-Xss1m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-Xlog:disable",
                "-Djava.io.tmpdir=" + scratch,
                "-Duser.home=" + scratch,
                "-Dfile.encoding=UTF-8",
                "-cp", classPath(runtime),
                WorkerMain.class.getName(),
                "--flink-version", runtime.line(),
                "--max-java", String.valueOf(runtime.maxJavaRelease()),
                "--jar", jar.toAbsolutePath().toString()));
        declared.forEach(name -> command.addAll(List.of("--factory", name)));
        undeclared.forEach(name -> command.addAll(List.of("--undeclared", name)));
        return command;
    }

    /**
     * A class-data-sharing archive of the Flink classes factories load, made once per Flink version
     * and Java by a training run over the built-in factories; it cuts the worker's start-up. Empty
     * when it cannot be made, and the worker then runs without it.
     */
    private java.util.Optional<Path> sharedArchive(FlinkRuntime runtime) {
        return sharedArchives.computeIfAbsent(runtime.line(), line -> {
            String key = Integer.toHexString((classPath(runtime) + java(runtime)).hashCode());
            Path archive = settings.workDirectory().resolve("cds").resolve("worker-" + line + "-" + key + ".jsa");
            if (Files.isRegularFile(archive)) {
                return java.util.Optional.of(archive);
            }
            try {
                Files.createDirectories(archive.getParent());
                Path scratch = Files.createTempDirectory(settings.workDirectory(), "training-");
                Path written = scratch.resolve("worker.jsa");
                try {
                    List<String> command = command(runtime, workerClasses, runtime.builtinFactories().stream()
                            .map(FactoryReport::className).toList(), List.of(), scratch);
                    command.add(1, "-XX:ArchiveClassesAtExit=" + written);
                    command.addAll(List.of("--training", "true"));
                    Run run = runIn(scratch, command, settings.workerTimeout().plusSeconds(30));
                    if (run.outcome() != Outcome.COMPLETED || !Files.isRegularFile(written)) {
                        return java.util.Optional.empty();
                    }
                    Files.move(written, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return java.util.Optional.of(archive);
                } finally {
                    deleteRecursively(scratch);
                }
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private String classPath(FlinkRuntime runtime) {
        StringBuilder path = new StringBuilder(workerClasses.toString());
        for (Path jar : runtime.workerLibrary()) {
            path.append(File.pathSeparatorChar).append(jar);
        }
        return path.toString();
    }

    private Path java(FlinkRuntime runtime) {
        return javaByLine.computeIfAbsent(runtime.line(),
                line -> WorkerJava.choose(settings.workerJavaHome(), runtime.maxJavaRelease()));
    }

    private Run runIn(Path scratch, List<String> command, java.time.Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
        builder.environment().clear();
        Path stderr = scratch.resolve("stderr.log");
        builder.redirectError(stderr.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null").exists()
                ? new File("/dev/null") : scratch.resolve("stdin").toFile()));
        Process process = builder.start();
        EventReader reader = new EventReader(process);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while analysing", e);
        }
        String tail = tail(stderr);
        Outcome outcome = !finished ? Outcome.TIMED_OUT
                : reader.sawEnd ? Outcome.COMPLETED
                : reader.sawOutOfMemory || tail.contains(OOM_MARKER) ? Outcome.OUT_OF_MEMORY
                : reader.sawCrash ? Outcome.CRASHED
                : Outcome.EXITED;
        return new Run(outcome, reader.results, reader.unfinished, finished ? process.exitValue() : -1, tail,
                reader.peakRssKiB);
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the worker's events as they come, so a crash still leaves what was reported before it. */
    private static final class EventReader extends Thread {
        private final Process process;
        final List<JsonNode> results = new ArrayList<>();
        volatile String unfinished;
        volatile boolean sawEnd;
        volatile boolean sawCrash;
        volatile boolean sawOutOfMemory;
        volatile long peakRssKiB = -1;

        EventReader(Process process) {
            super("analysis-worker-events");
            setDaemon(true);
            this.process = process;
        }

        @Override
        public void run() {
            int lines = 0;
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && lines++ < MAX_EVENT_LINES) {
                    accept(line);
                }
            } catch (IOException closed) {
                // The process was killed; what was read stands.
            }
            if (lines >= MAX_EVENT_LINES) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        private void accept(String line) {
            if (line.contains(OOM_MARKER)) {
                sawOutOfMemory = true;
                return;
            }
            if (!line.startsWith("{")) {
                return;
            }
            JsonNode event;
            try {
                event = WorkerEvents.MAPPER.readTree(line);
            } catch (RuntimeException notAnEvent) {
                return;
            }
            switch (event.path("event").asString("")) {
                case "begin" -> unfinished = event.path("class").asString();
                case "factory", "failure" -> {
                    results.add(event);
                    unfinished = null;
                }
                case "end" -> {
                    peakRssKiB = event.path("peakRssKiB").asLong(-1);
                    sawEnd = true;
                }
                case "crash" -> sawCrash = true;
                default -> { }
            }
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            long size = Files.size(file);
            try (var channel = Files.newByteChannel(file)) {
                channel.position(Math.max(0, size - 4096));
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size, 4096));
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // keep reading
                }
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A scratch directory left behind is removed with the work directory.
        }
    }

    /**
     * Where the worker's classes are: their JAR or directory when it is on the file system, else
     * (inside a packaged application) the worker JAR resource unpacked into the work directory.
     */
    private static Path workerClassPath(Path workDirectory) {
        try {
            java.net.URL location = WorkerMain.class.getProtectionDomain().getCodeSource().getLocation();
            if ("file".equals(location.getProtocol())) {
                return Path.of(location.toURI());
            }
            String resource = "analyzer-worker/registry-analyzer-worker.jar";
            java.net.URL packaged = Sandbox.class.getClassLoader().getResource(resource);
            if (packaged == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            byte[] jar;
            try (java.io.InputStream in = packaged.openStream()) {
                jar = in.readAllBytes();
            }
            // Keyed by content, so a newer build of the application never runs an older worker.
            Path target = workDirectory.resolve("worker-" + Integer.toHexString(java.util.Arrays.hashCode(jar)))
                    .resolve("registry-analyzer-worker.jar");
            return FlinkRuntimes.copyOnce(packaged, target);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot find the analysis worker's classes", e);
        }
    }
}
