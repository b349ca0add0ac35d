package dev.flinkregistry.analyzer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping a fixed time: returns as soon as it holds. */
final class Await {

    private Await() {}

    /** Waits until the condition holds, failing with the description of what was there after {@code limit}. */
    static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatInstead) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not so after " + limit.toMillis() + " ms: " + whatInstead.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
