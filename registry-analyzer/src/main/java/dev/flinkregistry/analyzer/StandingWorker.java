package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A worker started in its sandbox and waiting for its one task on stdin: started on demand for a
 * task at hand, or ahead of time by the {@link WorkerPool}. Its sandbox binds an empty input
 * directory of its run directory read-only; the JAR is put there when the task comes, and the
 * wall-clock limit runs from then. Closing it kills it, if it still runs, and removes its run directory.
 */
final class StandingWorker implements AutoCloseable {

    /** What a worker's events may hold before it has a task: the warm-up line, and room to spare. */
    private static final long IDLE_EVENT_BUDGET = 64 << 10;
    static final String INPUT_DIRECTORY = "input";

    private final FlinkRuntime runtime;
    private final Confinement confinement;
    private final ScratchDirectories.RunDirectory run;
    private final Path input;
    private final String nonce;
    private final Process process;
    private final WorkerOutput output;

    private StandingWorker(FlinkRuntime runtime, Confinement confinement, ScratchDirectories.RunDirectory run,
                           Path input, String nonce, Process process) {
        this.runtime = runtime;
        this.confinement = confinement;
        this.run = run;
        this.input = input;
        this.nonce = nonce;
        this.process = process;
        this.output = new WorkerOutput(process, nonce, IDLE_EVENT_BUDGET);
        output.start();
    }

    /**
     * Starts the worker's command (made by the confinement over {@code input}) from the launcher's
     * long-lived thread, in {@code directory} on the host; the run directory, when given, is the
     * worker's from now on and goes with it; without an input directory the worker gets no JAR.
     */
    static StandingWorker start(List<String> command, Path directory, FlinkRuntime runtime, Confinement confinement,
                                ScratchDirectories.RunDirectory run, Path input, String nonce) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        // glibc reserves 64 MiB of address space per malloc arena and thread; RLIMIT_AS counts it.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return new StandingWorker(runtime, confinement, run, input, nonce, ProcessSpawner.start(builder));
    }

    /** The host directory the sandbox shows the worker as its input, read-only; made empty in the run directory. */
    static Path inputDirectory(ScratchDirectories.RunDirectory run) throws IOException {
        Path input = Files.createDirectory(run.path().resolve(INPUT_DIRECTORY));
        // Searchable, not listable: a worker running as another user (root servers) opens the JAR by name.
        ScratchDirectories.setPermissions(input, "rwx--x--x");
        return input;
    }

    FlinkRuntime runtime() {
        return runtime;
    }

    /** The worker's process as started: the sandbox's outermost process. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the worker has started and warmed up, and now only waits for its task. */
    boolean warm() {
        return output.warm();
    }

    boolean awaitWarm(Duration timeout) throws InterruptedException {
        return output.awaitWarm(Math.max(1, timeout.toMillis()));
    }

    /**
     * Gives the worker its task, with {@code jar} (null for none) put in its input directory, and
     * waits for it to end, at most {@code timeout}, reading at most {@code eventBudget} bytes of events.
     */
    WorkerRun run(ObjectNode task, Path jar, Duration timeout, long eventBudget) throws IOException {
        return run(task, jar, List.of(), timeout, eventBudget);
    }

    /**
     * Like {@link #run(ObjectNode, Path, Duration, long)}, with the connector's dependency JARs put
     * beside it in the input directory, read-only like it, and named in the task's {@code dependencies}.
     */
    WorkerRun run(ObjectNode task, Path jar, List<Path> dependencies, Duration timeout, long eventBudget)
            throws IOException {
        if (jar != null) {
            Path seen = confinement.input(place(jar, "connector.jar"));
            task.put("jar", seen.toString());
            var names = task.putArray("dependencies");
            for (int i = 0; i < dependencies.size(); i++) {
                String name = "dependency-" + i + ".jar";
                place(dependencies.get(i), name);
                // The input directory is seen as one: each file appears beside the JAR.
                names.add(seen.resolveSibling(name).toString());
            }
        }
        task.put("nonce", nonce);
        output.budget(eventBudget);
        send(task.toString());
        boolean finished;
        try {
            finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill();
            }
            output.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while analysing", e);
        }
        int exitCode = finished ? process.exitValue() : -1;
        return new WorkerRun(outcome(finished, exitCode), output.results(), output.unfinished(), exitCode,
                output.logTail(), output.peakRssKiB(), output.eventBytes());
    }

    /**
     * Puts the caller's JAR where the worker reads it: a hard link, which costs nothing and which
     * the read-only bind keeps the worker from changing; a copy where there is no sandbox (a private
     * one, so the worker cannot change the caller's file), where the worker runs as a host user who
     * could not read the caller's file, or where no link can be made (another file system).
     */
    private Path place(Path jar, String name) throws IOException {
        Path target = input.resolve(name);
        Path source = jar.toAbsolutePath();
        if (confinement.mechanism() == Isolation.NONE) {
            return copy(source, target, "r--------");
        }
        if (confinement.workerIsAnotherUser() && !readableByAnyone(source)) {
            return copy(source, target, "r--r--r--");
        }
        try {
            return Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException noLink) {
            Files.deleteIfExists(target);
            return copy(source, target, "r--r--r--");
        }
    }

    private static Path copy(Path source, Path target, String permissions) throws IOException {
        Files.copy(source, target);
        ScratchDirectories.setPermissions(target, permissions);
        return target;
    }

    private static boolean readableByAnyone(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    private WorkerRun.Outcome outcome(boolean finished, int exitCode) {
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
    private void send(String task) {
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
    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            // And the processes under it, so that none is left running when the run is over: those
            // seen before the kill and those forked since, under a process seen (the namespace's
            // first process stays, without a command line, until the kernel has killed the rest).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (anyRunning(descendants) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean anyRunning(List<ProcessHandle> seen) {
        return seen.stream().filter(ProcessHandle::isAlive)
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .anyMatch(StandingWorker::running);
    }

    /**
     * Whether the process still runs: alive, and not a zombie (which has no command line any more,
     * and which a container's init may never reap).
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            return Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).length > 0;
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    /** Kills the worker if it still runs, and removes its run directory (if it has its own). */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        if (run != null) {
            run.close();
        }
    }
}
