package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Workers started ahead of time, per Flink version, each in its own sandbox, warmed up and waiting
 * for one task: an analysis takes one instead of waiting for a JVM to start, and a replacement
 * starts at once. Workers are never reused: each sees one JAR and ends. Replacements start one at
 * a time, from one thread, so the pool never takes more than one core; an idle worker blocks on
 * its stdin and costs no CPU. Closing the pool kills the workers that wait.
 */
final class WorkerPool implements AutoCloseable {

    /** Starts one pre-started worker for the runtime, in the sandbox chosen for this machine. */
    interface Starter {
        StandingWorker start(FlinkRuntime runtime) throws IOException;
    }

    private final int size;
    private final Starter starter;
    private final Map<String, Deque<StandingWorker>> idle = new LinkedHashMap<>();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "analysis-worker-pool");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private volatile String lastFailure;

    /** @param size workers kept waiting per Flink version; 0 keeps none */
    WorkerPool(int size, Starter starter) {
        this.size = size;
        this.starter = starter;
    }

    int size() {
        return size;
    }

    /** Why the last replacement could not start, or null: analyses then start their workers themselves. */
    String lastFailure() {
        return lastFailure;
    }

    /**
     * A waiting worker for the runtime, when there is one (it may still be warming up, which is
     * still sooner than starting one); in any case the pool starts a replacement.
     */
    Optional<StandingWorker> take(FlinkRuntime runtime) {
        if (size == 0 || closed) {
            return Optional.empty();
        }
        StandingWorker taken = null;
        List<StandingWorker> dead = new ArrayList<>();
        synchronized (idle) {
            Deque<StandingWorker> waiting = idle.get(runtime.line());
            while (waiting != null && !waiting.isEmpty() && taken == null) {
                StandingWorker worker = waiting.pollFirst();
                if (worker.alive()) {
                    taken = worker;
                } else {
                    dead.add(worker);
                }
            }
        }
        dead.forEach(StandingWorker::close);
        fill(runtime);
        return Optional.ofNullable(taken);
    }

    /** Starts, in the background, as many workers for the runtime as the pool lacks. */
    void fill(FlinkRuntime runtime) {
        if (size == 0 || closed) {
            return;
        }
        synchronized (idle) {
            // Known from now on, so that awaitWarm waits for its workers.
            idle.computeIfAbsent(runtime.line(), line -> new ArrayDeque<>());
        }
        try {
            filler.execute(() -> topUp(runtime));
        } catch (RejectedExecutionException closing) {
            // The pool is closing.
        }
    }

    private void topUp(FlinkRuntime runtime) {
        while (!closed) {
            List<StandingWorker> dead = new ArrayList<>();
            synchronized (idle) {
                Deque<StandingWorker> waiting = idle.computeIfAbsent(runtime.line(), line -> new ArrayDeque<>());
                waiting.removeIf(worker -> !worker.alive() && dead.add(worker));
                if (waiting.size() >= size) {
                    dead.forEach(StandingWorker::close);
                    return;
                }
            }
            dead.forEach(StandingWorker::close);
            StandingWorker started;
            try {
                started = starter.start(runtime);
                lastFailure = null;
            } catch (IOException | RuntimeException e) {
                // Analyses start their own workers; the next take tries again.
                lastFailure = e.toString();
                return;
            }
            boolean kept;
            synchronized (idle) {
                kept = !closed && idle.get(runtime.line()).add(started);
            }
            if (!kept) {
                started.close();
            }
        }
    }

    /**
     * Waits until every Flink version the pool has served holds its workers, all warmed up; false
     * when that did not happen within the timeout. For benchmarks and tests, which compare like with like.
     */
    boolean awaitWarm(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean full = true;
            List<StandingWorker> waiting = new ArrayList<>();
            synchronized (idle) {
                for (Deque<StandingWorker> workers : idle.values()) {
                    full &= workers.size() >= size;
                    waiting.addAll(workers);
                }
            }
            if (full && waiting.stream().allMatch(StandingWorker::warm)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** The processes of the workers waiting now. */
    List<ProcessHandle> waiting() {
        synchronized (idle) {
            return idle.values().stream().flatMap(Deque::stream).map(StandingWorker::handle).toList();
        }
    }

    /**
     * Ends the waiting workers, after the worker being started, if any (which then ends too): when
     * this returns, no worker of the pool runs and none of their run directories is left.
     */
    @Override
    public void close() {
        closed = true;
        filler.shutdownNow();
        try {
            filler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<StandingWorker> all = new ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(StandingWorker::close);
    }
}
