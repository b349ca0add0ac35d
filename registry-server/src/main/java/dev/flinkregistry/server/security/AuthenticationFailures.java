package dev.flinkregistry.server.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per client address over the last minute, so that guessing tokens from
 * one address is refused (429) after a few dozen attempts while everyone else is unaffected.
 */
final class AuthenticationFailures {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    AuthenticationFailures(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Records one failure from the address. */
    void failed(String address) {
        if (failures.size() > MAX_ADDRESSES) {
            failures.clear();
        }
        Deque<Long> times = failures.computeIfAbsent(known(address), a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(System.nanoTime());
            while (times.size() > perMinute + 1) {
                times.removeFirst();
            }
        }
    }

    /** Seconds until the address may try again, or 0 when it may now. */
    long blockedForSeconds(String address) {
        Deque<Long> times = failures.get(known(address));
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long now = System.nanoTime();
            while (!times.isEmpty() && now - times.peekFirst() > WINDOW_NANOS) {
                times.removeFirst();
            }
            if (times.size() < perMinute) {
                return 0;
            }
            return Math.max(1, (WINDOW_NANOS - (now - times.peekFirst())) / 1_000_000_000L + 1);
        }
    }

    /**
     * Tomcat gives no address for a request whose connection was closed before it was served (one
     * that arrived as the server was shutting down): such requests count as one unknown address.
     */
    private static String known(String address) {
        return address == null ? "" : address;
    }
}
