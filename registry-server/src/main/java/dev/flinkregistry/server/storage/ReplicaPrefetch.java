package dev.flinkregistry.server.storage;

import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.ChangesElsewhere;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Copies the JARs other replicas register into this replica's {@link ReplicaCache} as soon as the
 * change feed says something changed ({@code registry.storage.s3.prefetch}, on by default when copies
 * are kept; the feed needs PostgreSQL). Without it, the first download of a new JAR from a replica
 * that did not receive it is streamed from the store through that replica; with it, once the copy is
 * made (about 1.4 s for 200 MB on the benchmark's machine), a job submitted through any replica gets
 * its JARs from a local copy (sendfile), as from the replica that received them.
 *
 * <p>A replica that starts (a new pod: its copies went with the old one's emptyDir) first copies the
 * JARs of the current versions and their dependencies, most recently changed connectors first, up to
 * half of {@code cache-size}, so that the jobs submitted next find copies here too.
 *
 * <p>Before that, on the same thread and with copies kept whatever this setting says, the copies a
 * previous run left in the cache are read again and kept only when their SHA-256 is still their name.
 *
 * <p>One pass at a time, on a thread of its own; a change heard during a pass asks for one more pass.
 * A pass looks at the JARs (versions and their dependencies) created since shortly before the
 * previous pass began, so that a transaction which committed late is not missed, and at those of the
 * versions made current in that time (a rollback to an older version, which this replica may never
 * have copied). It takes them newest first and copies at most half of {@code cache-size} of them.
 * Each JAR is tried once: one already kept costs a map lookup, one copied and later evicted, refused
 * (its bytes are not its name) or not read (the store down) is not read again ahead of time; a
 * download of it keeps a copy as it goes by. Copies made ahead rank below the copies jobs are using
 * ({@link ReplicaCache#prefetch}).
 */
@Component
class ReplicaPrefetch {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaPrefetch.class);
    /** How far before the previous pass a pass looks back: a version may commit well after it was created. */
    static final Duration SLACK = Duration.ofMinutes(5);
    /** How many JARs a pass (or a start) looks at, at most. */
    private static final int MAX_ROWS = 10_000;
    /** The current versions {@code v} of the connectors {@code c}, changed when the connector last was. */
    private static final String CURRENT = "from connector c join connector_version v on v.connector_id = c.id "
            + "and v.version = c.current_version ";

    private final ReplicaCache cache;
    private final boolean prefetch;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The JARs tried since {@link #SLACK} before the oldest window still looked at, and when. */
    private final Map<String, Instant> tried = new ConcurrentHashMap<>();
    private final Counter copied;
    private final Counter failed;
    private volatile Instant since;
    private volatile boolean stopping;

    ReplicaPrefetch(BlobStore store, S3StorageProperties settings, JdbcTemplate jdbc, MeterRegistry meters) {
        this.cache = store instanceof ReplicaCache copies ? copies : null;
        this.prefetch = cache != null && settings.prefetch();
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.since = clock.instant().minus(SLACK);
        this.copied = Counter.builder("registry.storage.prefetch").tag("outcome", "copied")
                .description("JARs copied to this replica before it was asked for them").register(meters);
        this.failed = Counter.builder("registry.storage.prefetch").tag("outcome", "failed")
                .description("JARs this replica could not copy ahead: the store failed, or its bytes were not "
                        + "the ones the digest names").register(meters);
        this.worker = cache == null ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replica-prefetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * At start, in the background (readiness does not wait for it): checks the copies a previous run
     * left ({@link ReplicaCache#checkLeftCopies}), then copies the current versions' JARs.
     */
    @EventListener(ApplicationReadyEvent.class)
    void started() {
        submit(() -> {
            int checked = cache.checkLeftCopies();
            if (checked > 0) {
                LOG.info("Kept {} copies of JARs a previous run left in the cache, their SHA-256 checked", checked);
            }
            if (prefetch) {
                currentVersions();
            }
        });
    }

    /**
     * Another replica committed a change to connectors or versions (or the feed may have missed one).
     * Never throws: the change listener's thread goes on to the other listeners.
     */
    @EventListener
    void changed(ChangesElsewhere changes) {
        if (prefetch && changes.concerns(ChangeTopic.CONNECTORS) && queued.compareAndSet(false, true)
                && !submit(this::pass)) {
            queued.set(false);
        }
    }

    private boolean submit(Runnable task) {
        if (worker == null || stopping) {
            return false;
        }
        try {
            worker.execute(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    private void pass() {
        queued.set(false);
        Instant started = clock.instant();
        Instant from = since;
        tried.values().removeIf(when -> when.isBefore(from.minus(SLACK)));
        Timestamp after = Timestamp.from(from);
        Map<String, Long> jars = list(newestFirst(jarsOf("from connector_version v ", "v.created_at",
                "where v.created_at > ?") + " union all " + jarsOf(CURRENT, "c.updated_at", "where c.updated_at > ?")),
                "registered or made current since " + from, after, after, after, after);
        if (jars != null) {
            copyWithin(jars, "registered or made current elsewhere");
            since = started.minus(SLACK);
        }
    }

    private void currentVersions() {
        Map<String, Long> jars = list(newestFirst(jarsOf(CURRENT, "c.updated_at", "")), "of the current versions");
        if (jars != null) {
            copyWithin(jars, "of the current versions");
        }
    }

    /**
     * The JARs (the version's own and its dependencies') of the versions {@code versions} names (a
     * {@code from} clause for the versions {@code v}) that {@code condition} keeps, with when they
     * changed ({@code changedAt}).
     */
    private static String jarsOf(String versions, String changedAt, String condition) {
        return "select v.sha256, v.size_bytes, " + changedAt + " as changed_at " + versions + condition
                + " union all select d.sha256, d.size_bytes, " + changedAt + " " + versions
                + "join version_dependency d on d.version_id = v.id " + condition;
    }

    /** The JARs of a union of {@link #jarsOf} queries, the most recently changed first, at most {@link #MAX_ROWS}. */
    private static String newestFirst(String jars) {
        return "select j.sha256, j.size_bytes from (" + jars + ") j order by j.changed_at desc fetch first "
                + MAX_ROWS + " rows only";
    }

    /** The JARs a query names, in its order, each once; null when it failed. */
    private Map<String, Long> list(String sql, String which, Object... arguments) {
        Map<String, Long> jars = new LinkedHashMap<>();
        try {
            jdbc.query(sql, row -> {
                jars.putIfAbsent(row.getString(1), row.getLong(2));
            }, arguments);
            return jars;
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("Could not list the JARs {} to copy them ahead: {}", which, e.toString());
            }
            return null;
        }
    }

    /**
     * Copies the JARs not tried yet, in order, that fit a quarter of the space each and half of it
     * together (the JARs kept already count); logs one line for the failures.
     */
    private void copyWithin(Map<String, Long> jars, String which) {
        long budget = cache.capacity() / 2;
        int failures = 0;
        String firstFailure = null;
        for (Map.Entry<String, Long> jar : jars.entrySet()) {
            String sha256 = jar.getKey();
            long size = jar.getValue();
            if (stopping || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (size > cache.capacity() / 4 || size > budget) {
                continue;
            }
            budget -= size;
            if (cache.keeps(sha256) || tried.putIfAbsent(sha256, clock.instant()) != null) {
                continue;
            }
            try {
                if (cache.prefetch(sha256, size)) {
                    copied.increment();
                    LOG.debug("Copied {} ({} bytes) ahead of its first download here", sha256, size);
                }
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                failed.increment();
                failures++;
                firstFailure = firstFailure == null ? sha256 + ": " + e : firstFailure;
                LOG.debug("Could not copy {} ahead of its first download here", sha256, e);
            }
        }
        if (failures > 0) {
            LOG.warn("Could not copy {} of the JARs {} ahead of their first download here (a download still keeps "
                    + "a copy); the first: {}", failures, which, firstFailure);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
