package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.WorkerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Reads a running worker's two outputs as they come, so a crash still leaves what was reported
 * before it: the events from the private channel, each line and all of them together bounded (a
 * factory that declares a million options must not exhaust this JVM's memory), and the last bytes
 * of its log (stdout and stderr, where the JAR's code prints), which is only ever shown as text.
 * A line is an event only if it carries this run's nonce.
 */
final class WorkerOutput {

    static final String OOM_MARKER = "java.lang.OutOfMemoryError";
    static final int MAX_LINE_BYTES = 512 << 10;
    private static final int TAIL_BYTES = 8192;

    private final Process process;
    private final String nonce;
    private volatile long budgetBytes;
    private final CountDownLatch warm = new CountDownLatch(1);
    private final List<JsonNode> results = new ArrayList<>();
    private final Thread eventReader;
    private final Thread logReader;
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailLength;
    private volatile String unfinished;
    private volatile boolean sawEnd;
    private volatile boolean sawCrash;
    private volatile boolean sawOutOfMemory;
    private volatile boolean overflowed;
    private volatile long peakRssKiB = -1;
    private volatile long eventBytes;

    WorkerOutput(Process process, String nonce, long budgetBytes) {
        this.process = process;
        this.nonce = nonce;
        this.budgetBytes = budgetBytes;
        this.eventReader = daemon("analysis-worker-events", this::readEvents);
        this.logReader = daemon("analysis-worker-log", this::readLog);
    }

    void start() {
        eventReader.start();
        logReader.start();
    }

    /** The most bytes of events to read, from now on; past them the worker is stopped. */
    void budget(long bytes) {
        budgetBytes = bytes;
    }

    /** Waits at most this long for a pre-started worker to say it is ready for its task. */
    boolean awaitWarm(long millis) throws InterruptedException {
        return warm.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean warm() {
        return warm.getCount() == 0;
    }

    /** Waits for both outputs to end (they end with the worker's namespace), at most this long. */
    void join(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        eventReader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        logReader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    private void readEvents() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try (InputStream in = process.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                eventBytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
                if (line.size() > MAX_LINE_BYTES || eventBytes > budgetBytes) {
                    overflowed = true;
                    process.destroyForcibly();
                    return;
                }
            }
        } catch (IOException closed) {
            // The worker was killed; what was read stands.
        }
    }

    private void accept(String line) {
        JsonNode event;
        try {
            event = WorkerEvents.MAPPER.readTree(line);
        } catch (RuntimeException notAnEvent) {
            return;
        }
        if (warm.getCount() > 0 && WorkerMain.WARM_EVENT.equals(line)) {
            // The worker's own first line, before any task: only its code has run.
            warm.countDown();
            return;
        }
        if (event == null || !event.isObject() || !nonce.equals(event.path("nonce").asString(""))) {
            return;
        }
        switch (event.path("event").asString("")) {
            case "begin" -> unfinished = event.path("class").asString();
            case "factory", "failure" -> {
                synchronized (results) {
                    results.add(event);
                }
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

    private void readLog() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getErrorStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                synchronized (tail) {
                    appendToTail(buffer, read);
                    if (!sawOutOfMemory && tailText().contains(OOM_MARKER)) {
                        sawOutOfMemory = true;
                    }
                }
            }
        } catch (IOException closed) {
            // The worker was killed.
        }
    }

    private void appendToTail(byte[] bytes, int length) {
        int keep = Math.min(length, TAIL_BYTES);
        int shift = Math.max(0, tailLength + keep - TAIL_BYTES);
        System.arraycopy(tail, shift, tail, 0, tailLength - shift);
        tailLength -= shift;
        System.arraycopy(bytes, length - keep, tail, tailLength, keep);
        tailLength += keep;
    }

    private String tailText() {
        return new String(tail, 0, tailLength, StandardCharsets.UTF_8);
    }

    List<JsonNode> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    String logTail() {
        synchronized (tail) {
            return tailText();
        }
    }

    String unfinished() {
        return unfinished;
    }

    boolean sawEnd() {
        return sawEnd;
    }

    boolean sawCrash() {
        return sawCrash;
    }

    boolean sawOutOfMemory() {
        return sawOutOfMemory;
    }

    /** Whether a line or all events together passed their limit, and the worker was killed for it. */
    boolean overflowed() {
        return overflowed;
    }

    long peakRssKiB() {
        return peakRssKiB;
    }

    long eventBytes() {
        return eventBytes;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
