package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.connector.Offer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Remembers what resolves answered for a short time, because job submissions ask the same thing
 * again and again. Any change a server makes itself (a registration, an update, a rollback, a
 * deletion) forgets everything at once; so does another replica's, when the change feed brings
 * it, and without the feed (or while it is disconnected) it is seen within the time to live. A time
 * to live of zero turns the cache off.
 */
final class OffersCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Key(long workspaceId, TreeSet<String> identifiers) {}

    private record Entry(List<Offer> offers, long generation, long expiresAtNanos) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    OffersCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    List<Offer> get(long workspaceId, Collection<String> identifiers, Supplier<List<Offer>> query) {
        if (ttlNanos <= 0) {
            return query.get();
        }
        Key key = new Key(workspaceId, new TreeSet<>(identifiers));
        long now = System.nanoTime();
        long current = generation.get();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == current && entry.expiresAtNanos() - now > 0) {
            return entry.offers();
        }
        List<Offer> offers = List.copyOf(query.get());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(offers, current, now + ttlNanos));
        return offers;
    }

    /** Forgets every answer: called by every change to connectors, versions or current pointers. */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
