package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    private final WorkerPool pool;
    private volatile IsolationSelector.Selection selection;

    LocalWorkerLauncher(AnalyzerSettings settings, FlinkRuntimes runtimes, ScratchDirectories scratch) {
        this.settings = settings;
        this.runtimes = runtimes;
        this.jvm = new WorkerJvm(settings);
        this.limits = WorkerLimits.of(settings);
        this.scratch = scratch;
        this.archives = new SharedArchives(settings.workDirectory(), jvm, scratch);
        this.pool = new WorkerPool(settings.warmWorkers(), this::startWarm);
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
        Optional<StandingWorker> waiting = pool.take(task.runtime());
        try (StandingWorker worker = waiting.isPresent() ? waiting.get()
                : start(task.runtime(), chosen.confinement(), archives.get(task.runtime(), this::train), false)) {
            ObjectNode json = task(task.runtime());
            strings(json.putArray("factories"), task.declared());
            strings(json.putArray("undeclared"), task.undeclared());
            strings(json.putArray("legacy"), task.declared().stream().filter(task.legacy()::contains).toList());
            return worker.run(json, task.jar(), task.dependencies(), timeout, task.eventBudgetBytes());
        }
    }

    @Override
    public void prestart() {
        if (pool.size() == 0 || !selection().status().available()) {
            return;
        }
        FlinkRuntimes.SUPPORTED_LINES.forEach(line -> pool.fill(runtimes.get(line)));
    }

    @Override
    public boolean awaitWarm(Duration timeout) throws InterruptedException {
        return pool.awaitWarm(timeout);
    }

    @Override
    public List<ProcessHandle> waiting() {
        return pool.waiting();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A pre-started worker for the pool, in the sandbox chosen for this machine. */
    private StandingWorker startWarm(FlinkRuntime runtime) throws IOException {
        IsolationSelector.Selection chosen = selection();
        if (!chosen.status().available()) {
            throw new SandboxUnavailableException(chosen.status());
        }
        return start(runtime, chosen.confinement(), archives.get(runtime, this::train), true);
    }

    /** Starts a worker in the confinement; it waits for its task, after warming up when {@code warm}. */
    private StandingWorker start(FlinkRuntime runtime, Confinement confinement, Optional<Path> archive, boolean warm)
            throws IOException {
        ScratchDirectories.RunDirectory run = scratch.create();
        try {
            Path input = StandingWorker.inputDirectory(run);
            List<String> java = jvm.command(runtime, confinement.scratch(run.path()), archive, List.of(), warm);
            List<String> command = confinement.command(view(runtime, archive, confinement), input, run.path(),
                    limits, java);
            return StandingWorker.start(command, hostDirectory(confinement, run.path()), runtime, confinement, run,
                    input, nonce());
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Runs the worker once in the confinement for every supported Flink version: the proof that isolation works. */
    private Optional<String> probe(Confinement confinement) {
        for (String line : FlinkRuntimes.SUPPORTED_LINES) {
            FlinkRuntime runtime = runtimes.get(line);
            try (StandingWorker worker = start(runtime, confinement, archives.existing(runtime), false)) {
                ObjectNode json = task(runtime);
                json.put("probe", true);
                WorkerRun result = worker.run(json, null, PROBE_TIMEOUT, 1 << 20);
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
        ObjectNode json = task(runtime);
        json.put("training", true);
        json.put("jar", jvm.workerClasses().toString());
        strings(json.putArray("factories"), runtime.builtinFactories().stream().map(FactoryReport::className).toList());
        NoConfinement trusted = new NoConfinement(Path.of("/bin/sh"), Optional.empty());
        List<String> java = jvm.command(runtime, runDirectory, Optional.empty(), flags);
        List<String> command = trusted.command(null, runDirectory, runDirectory, limits, java);
        // The run directory is the caller's, which reads the archive from it afterwards.
        try (StandingWorker worker = StandingWorker.start(command, runDirectory, runtime, trusted, null, null, nonce)) {
            return worker.run(json, null, SharedArchives.trainingTimeout(settings), 64L << 20).outcome()
                    == WorkerRun.Outcome.COMPLETED;
        }
    }

    /**
     * Where the command starts on the host: the run directory for an unconfined worker, whose
     * scratch it is; else the root, so that no host path reaches the sandbox in $PWD.
     */
    private static Path hostDirectory(Confinement confinement, Path runDirectory) {
        return confinement.mechanism() == Isolation.NONE ? runDirectory : Path.of("/");
    }

    private SandboxView view(FlinkRuntime runtime, Optional<Path> archive, Confinement confinement) {
        String key = runtime.line() + "|" + archive.map(Path::toString).orElse("") + "|" + confinement.mechanism();
        return views.computeIfAbsent(key, k -> {
            List<Path> classPath = new ArrayList<>(jvm.classPath(runtime));
            archive.ifPresent(classPath::add);
            return SandboxView.of(jvm.java(runtime), classPath, confinement.programsInside());
        });
    }

    private static ObjectNode task(FlinkRuntime runtime) {
        ObjectNode json = WorkerEvents.MAPPER.createObjectNode();
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
