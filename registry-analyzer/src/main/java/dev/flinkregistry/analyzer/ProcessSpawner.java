package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every worker process from one long-lived thread of this JVM. The sandbox asks the kernel
 * to kill the worker when its parent dies (PR_SET_PDEATHSIG), and Linux means the thread that
 * forked it: started from a request thread, a worker would be killed when that thread ends, and
 * from a pool thread that times out, at a random moment. This thread ends only with the JVM.
 */
final class ProcessSpawner {

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "analysis-worker-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private ProcessSpawner() {}

    static Process start(ProcessBuilder builder) throws IOException {
        // A task that throws does not end the thread: submit() keeps the exception in the future.
        Future<Process> started = LAUNCHER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Process process = started.get();
                    if (interrupted) {
                        // The caller gave up while the process started: it must not run unwatched.
                        process.destroyForcibly();
                        throw new IOException("Interrupted while starting the analysis worker");
                    }
                    return process;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Cannot start the analysis worker", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
