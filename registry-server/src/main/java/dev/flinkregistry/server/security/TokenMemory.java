package dev.flinkregistry.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was learnt from OpenID Connect access tokens that passed every check, kept under each
 * token's exact text until the token expires (its {@code exp} plus the clock skew the checks allow)
 * or a maximum age, whichever comes first. At most a given number of tokens: beyond it the memory
 * starts afresh. {@link VerifiedJwts} keeps decoded tokens in one, {@link RememberedPrincipals} the
 * principals derived from them.
 *
 * @param <V> what is kept per token
 */
final class TokenMemory<V> {

    private record Entry<V>(V value, Instant until) {}

    private final Duration maxAge;
    private final Duration clockSkew;
    private final int maxEntries;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    TokenMemory(Duration maxAge, Duration clockSkew, int maxEntries) {
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
        this.maxEntries = maxEntries;
    }

    /** What is kept for the token at {@code now}, or null (never kept, or no longer). */
    V get(String token, Instant now) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now.isBefore(entry.until())) {
            return entry.value();
        }
        entries.remove(token, entry);
        return null;
    }

    /** Keeps the value for the token from {@code now}, until the token's {@code expiresAt} (may be null) allows. */
    void put(String token, V value, Instant now, Instant expiresAt) {
        Instant until = now.plus(maxAge);
        if (expiresAt != null && expiresAt.plus(clockSkew).isBefore(until)) {
            until = expiresAt.plus(clockSkew);
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(token, new Entry<>(value, until));
    }

    /** How many tokens are kept now. */
    int size() {
        return entries.size();
    }
}
