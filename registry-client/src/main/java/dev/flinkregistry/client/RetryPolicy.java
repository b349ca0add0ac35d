package dev.flinkregistry.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry a request that failed transiently (connection error,
 * timeout, 408, 429, 5xx) — never one the server refused for a reason (another 4xx). Each retry
 * goes to the next server address and waits a random time up to an exponentially growing bound,
 * or as long as the server's {@code Retry-After} asks when that is longer (up to the largest bound).
 *
 * @param maxAttempts attempts in all, including the first (at least 1)
 * @param initialBackoff the bound of the first wait
 * @param maxBackoff the largest bound
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Checks that there is at least one attempt. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Four attempts, waiting up to 200 ms, 400 ms, 800 ms. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** No retries: one attempt per request. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code attempt} (1 for the first retry): full jitter up to the exponential bound. */
    Duration backoff(int attempt) {
        long bound = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * The wait before attempt {@code attempt} after an answer that asked, with {@code Retry-After},
     * for {@code retryAfter} (null when it did not): at least that, but never more than
     * {@link #maxBackoff()}, since the next attempt may go to another server.
     */
    Duration backoff(int attempt, Duration retryAfter) {
        Duration jittered = backoff(attempt);
        if (retryAfter == null) {
            return jittered;
        }
        Duration asked = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        return asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    /** Whether an answer with this HTTP status is worth another attempt. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
