package dev.flinkregistry.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the tests never sleep a fixed time. */
public final class Await {

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    // Quick conditions are seen at once; slow ones (a server starting) are not polled hundreds of times a second.
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Await() {}

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @param deadline how long to wait at most
     * @param condition polled until it is true
     * @param context what was there instead, added to the failure message
     * @throws AssertionError when the deadline passes or the thread is interrupted
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition, Supplier<String> context) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Not within " + deadline + ": " + what + "\n" + context.get());
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @param deadline how long to wait at most
     * @param condition polled until it is true
     * @throws AssertionError when the deadline passes or the thread is interrupted
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        until(what, deadline, condition, () -> "");
    }
}
