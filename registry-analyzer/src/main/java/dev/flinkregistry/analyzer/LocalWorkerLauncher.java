package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs each worker in an OS-level sandbox on this machine (DESIGN rule 3): its own user, PID,
 * network, mount, IPC and UTS namespaces, a read-only view of just what it needs plus a read-only
 * copy of the JAR, no capabilities, kernel limits on processes, file size, CPU time and memory,
 * and a wall-clock timeout; when the worker's PID namespace ends, everything it started ends, and
 * it ends when this JVM dies. The task goes in on stdin, events come out on a private channel.
 */
final class LocalWorkerLauncher implements WorkerLauncher {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AnalyzerSettings settings;
    private final FlinkRuntimes runtimes;
    private final WorkerJvm jvm;
    private final WorkerLimits limits;
    private final ScratchDirectories scratch;
    private final SharedArchives archives;
    private final Map<String, SandboxView> views = new ConcurrentHashMap<>();
    private volatile IsolationSelector.Selection selection;

    LocalWorkerLauncher(AnalyzerSettings settings, FlinkRuntimes runtimes, ScratchDirectories scratch) {
        this.settings = settings;
        this.runtimes = runtimes;
        this.jvm = new WorkerJvm(settings);
        this.limits = WorkerLimits.of(settings);
        this.scratch = scratch;
        this.archives = new SharedArchives(settings.workDirectory(), jvm, scratch);
    }

    @Override
    public IsolationStatus isolation() {
        return selection().status();
    }

    private IsolationSelector.Selection selection() {
        IsolationSelector.Selection chosen = selection;
        if (chosen == null || !chosen.status().available()) {
            // Once available, the choice stands; until then, the selector says when to ask again.
            synchronized (this) {
                selection = IsolationSelector.select(settings, this::probe);
                chosen = selection;
            }
        }
        return chosen;
    }

    @Override
    public WorkerRun run(WorkerTask task, Duration timeout) throws IOException {
        IsolationSelector.Selection chosen = selection();
        if (!chosen.status().available()) {
            throw new SandboxUnavailableException(chosen.status());
        }
        Confinement confinement = chosen.confinement();
        Optional<Path> archive = archives.get(task.runtime(), this::train);
        String nonce = nonce();
        try (ScratchDirectories.RunDirectory run = scratch.create()) {
            Path hostJar = input(task.jar(), confinement, run.path());
            ObjectNode json = task(nonce, task.runtime());
            json.put("jar", confinement.input(hostJar).toString());
            strings(json.putArray("factories"), task.declared());
            strings(json.putArray("undeclared"), task.undeclared());
            List<String> java = jvm.command(task.runtime(), confinement.scratch(run.path()), archive, List.of());
            List<String> command = confinement.command(view(task.runtime(), archive, confinement), hostJar, run.path(),
                    limits, java);
            return execute(command, hostDirectory(confinement, run.path()), json.toString(), nonce, timeout,
                    task.eventBudgetBytes());
        }
    }

    /** Runs the worker once in the confinement for every supported Flink version: the proof that isolation works. */
    private Optional<String> probe(Confinement confinement) {
        for (String line : FlinkRuntimes.SUPPORTED_LINES) {
            FlinkRuntime runtime = runtimes.get(line);
            String nonce = nonce();
            try (ScratchDirectories.RunDirectory run = scratch.create()) {
                Path input = Files.createFile(run.path().resolve("probe.jar"));
                ScratchDirectories.setPermissions(input, "rw-r--r--");
                ObjectNode json = task(nonce, runtime);
                json.put("probe", true);
                Optional<Path> archive = archives.existing(runtime);
                List<String> java = jvm.command(runtime, confinement.scratch(run.path()), archive, List.of());
                List<String> command = confinement.command(view(runtime, archive, confinement), input, run.path(),
                        limits, java);
                WorkerRun result = execute(command, hostDirectory(confinement, run.path()), json.toString(), nonce,
                        PROBE_TIMEOUT, 1 << 20);
                if (result.outcome() != WorkerRun.Outcome.COMPLETED) {
                    return Optional.of("for Flink " + line + " it ended with exit status " + result.exitCode()
                            + (result.stderrTail().isBlank() ? "." : ": " + lastLines(result.stderrTail())));
                }
            } catch (IOException | RuntimeException e) {
                return Optional.of("for Flink " + line + ": " + e);
            }
        }
        return Optional.empty();
    }

    /** A class-data-sharing training run: Flink's and the worker's own classes only, so it runs unconfined. */
    private boolean train(FlinkRuntime runtime, List<String> flags, Path runDirectory) throws IOException {
        String nonce = nonce();
        ObjectNode json = task(nonce, runtime);
        json.put("training", true);
        json.put("jar", jvm.workerClasses().toString());
        strings(json.putArray("factories"), runtime.builtinFactories().stream().map(FactoryReport::className).toList());
        NoConfinement trusted = new NoConfinement(Path.of("/bin/sh"), Optional.empty());
        List<String> java = jvm.command(runtime, runDirectory, Optional.empty(), flags);
        List<String> command = trusted.command(null, jvm.workerClasses(), runDirectory, limits, java);
        return execute(command, runDirectory, json.toString(), nonce, SharedArchives.trainingTimeout(settings),
                64L << 20).outcome() == WorkerRun.Outcome.COMPLETED;
    }

    /**
     * Where the command starts on the host: the run directory for an unconfined worker, whose
     * scratch it is; else the root, so that no host path reaches the sandbox in $PWD.
     */
    private static Path hostDirectory(Confinement confinement, Path runDirectory) {
        return confinement.mechanism() == Isolation.NONE ? runDirectory : Path.of("/");
    }

    /**
     * The host file the worker reads as its JAR: the caller's file, bound read-only, unless there is no
     * sandbox (a private copy then) or the worker runs as another user who cannot read it (a copy it
     * can). util-linux binds as root, so only the file's mode matters; bubblewrap binds as the
     * worker's user, who must also be able to reach the file.
     */
    private static Path input(Path jar, Confinement confinement, Path runDirectory) throws IOException {
        Path absolute = jar.toAbsolutePath();
        boolean unconfined = confinement.mechanism() == Isolation.NONE;
        boolean unreadable = confinement.workerIsAnotherUser()
                && !readableByAnyone(absolute, confinement.mechanism() == Isolation.BUBBLEWRAP);
        if (!unconfined && !unreadable) {
            return absolute;
        }
        Path copy = runDirectory.resolve("connector.jar");
        Files.copy(absolute, copy);
        ScratchDirectories.setPermissions(copy, unconfined ? "r--------" : "r--r--r--");
        return copy;
    }

    /** Whether any user can read the file, and with {@code reach}, get to it through every directory above it. */
    private static boolean readableByAnyone(Path file, boolean reach) {
        try {
            if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                return false;
            }
            for (Path directory = file.getParent(); reach && directory != null; directory = directory.getParent()) {
                if (!Files.getPosixFilePermissions(directory).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    private SandboxView view(FlinkRuntime runtime, Optional<Path> archive, Confinement confinement) {
        String key = runtime.line() + "|" + archive.map(Path::toString).orElse("") + "|" + confinement.mechanism();
        return views.computeIfAbsent(key, k -> {
            List<Path> classPath = new ArrayList<>(jvm.classPath(runtime));
            archive.ifPresent(classPath::add);
            return SandboxView.of(jvm.java(runtime), classPath, confinement.programsInside());
        });
    }

    /** Starts the command from the launcher thread, sends the task, reads the events, and kills it at the deadline. */
    WorkerRun execute(List<String> command, Path directory, String task, String nonce, Duration timeout,
                      long eventBudget) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        // glibc reserves 64 MiB of address space per malloc arena and thread; RLIMIT_AS counts it.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = ProcessSpawner.start(builder);
        WorkerOutput output = new WorkerOutput(process, nonce, eventBudget);
        output.start();
        send(process, task);
        boolean finished;
        try {
            finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            output.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while analysing", e);
        }
        int exitCode = finished ? process.exitValue() : -1;
        return new WorkerRun(outcome(finished, exitCode, output), output.results(), output.unfinished(), exitCode,
                output.logTail(), output.peakRssKiB(), output.eventBytes());
    }

    private static WorkerRun.Outcome outcome(boolean finished, int exitCode, WorkerOutput output) {
        if (!finished) {
            return WorkerRun.Outcome.TIMED_OUT;
        }
        if (output.overflowed()) {
            return WorkerRun.Outcome.REPORT_TOO_LARGE;
        }
        if (output.sawEnd()) {
            return WorkerRun.Outcome.COMPLETED;
        }
        if (output.sawOutOfMemory()) {
            return WorkerRun.Outcome.OUT_OF_MEMORY;
        }
        if (WorkerLimits.isCpuLimitSignal(exitCode)) {
            return WorkerRun.Outcome.CPU_LIMIT;
        }
        return output.sawCrash() ? WorkerRun.Outcome.CRASHED : WorkerRun.Outcome.EXITED;
    }

    /** Writes the task from its own thread: a worker that never reads stdin must not block this one. */
    private static void send(Process process, String task) {
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(task.getBytes(StandardCharsets.UTF_8));
            } catch (IOException gone) {
                // The worker ended before reading its task; its outcome says why.
            }
        }, "analysis-worker-task");
        writer.setDaemon(true);
        writer.start();
    }

    /** Kills the process we started; with it go its namespaces and everything in them. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode task(String nonce, FlinkRuntime runtime) {
        ObjectNode json = WorkerEvents.MAPPER.createObjectNode();
        json.put("nonce", nonce);
        json.put("flinkVersion", runtime.line());
        json.put("maxJava", runtime.maxJavaRelease());
        return json;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
