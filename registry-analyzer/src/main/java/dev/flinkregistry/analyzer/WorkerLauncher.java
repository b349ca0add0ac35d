package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs the analysis worker for a task and returns what it reported. The one seam between the
 * analysis and where uploaded code runs: a local OS-level sandbox ({@link LocalWorkerLauncher})
 * today, a remote analysis service without credentials or network later. Whatever runs the
 * worker, its report is checked against the static scan before it is believed ({@link ReportCheck}).
 */
interface WorkerLauncher extends AutoCloseable {

    /** Whether workers can run, and isolated how; asks the system once and remembers. */
    IsolationStatus isolation();

    /**
     * Runs one worker for the task within the time limit.
     *
     * @throws SandboxUnavailableException when isolation is required but unavailable
     * @throws IOException when the worker cannot be started at all
     */
    WorkerRun run(WorkerTask task, Duration timeout) throws IOException;

    /** Starts workers ahead of time, where this launcher keeps any, so that analyses need not wait for one. */
    default void prestart() {
    }

    /** Waits until the workers started ahead of time are ready; true at once where none are kept. */
    default boolean awaitWarm(Duration timeout) throws InterruptedException {
        return true;
    }

    /** The processes of the workers started ahead of time that wait now. */
    default java.util.List<ProcessHandle> waiting() {
        return java.util.List.of();
    }

    /** Ends the workers started ahead of time. */
    @Override
    default void close() {
    }
}
