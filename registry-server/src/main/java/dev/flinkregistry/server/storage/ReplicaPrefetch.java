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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * are kept). Without it, the first download of a new JAR from a replica that did not receive it is
 * streamed from the store through that replica; with it, a job submitted through any replica gets
 * its JARs from a local copy (sendfile), as from the replica that received them.
 *
 * <p>A replica that starts (a new pod: its copies went with the old one's emptyDir) first copies the
 * JARs of the current versions and their dependencies, most recently changed connectors first, up to
 * half of {@code cache-size}, so that the jobs submitted next find copies here too.
 *
 * <p>One pass at a time, on a thread of its own; a change heard during a pass asks for one more pass.
 * A pass looks at the JARs (versions and their dependencies) created since shortly before the
 * previous pass began, so that a transaction which committed late is not missed; JARs already kept
 * cost a map lookup. Each copy is read whole from the store and kept only when its SHA-256 is its
 * name. A failure (the store down) is counted and logged; a pass within the next few minutes tries
 * again, and a download of that JAR keeps a copy as it goes by.
 */
@Component
class ReplicaPrefetch {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaPrefetch.class);
    /** How far before the previous pass a pass looks back: a version may commit well after it was created. */
    static final Duration SLACK = Duration.ofMinutes(5);
    /** How many of the current versions' JARs a start looks at, at most. */
    private static final int START_ROWS = 10_000;

    private final ReplicaCache cache;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Counter copied;
    private final Counter failed;
    private volatile Instant since;

    ReplicaPrefetch(BlobStore store, S3StorageProperties settings, JdbcTemplate jdbc, MeterRegistry meters) {
        this.cache = store instanceof ReplicaCache copies && settings.prefetch() ? copies : null;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.since = clock.instant().minus(SLACK);
        this.copied = Counter.builder("registry.storage.prefetch").tag("outcome", "copied")
                .description("JARs copied to this replica before it was asked for them").register(meters);
        this.failed = Counter.builder("registry.storage.prefetch").tag("outcome", "failed")
                .description("JARs this replica could not copy ahead")
                .register(meters);
        this.worker = cache == null ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replica-prefetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** At start, in the background: readiness does not wait for it. */
    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (worker != null) {
            worker.execute(this::currentVersions);
        }
    }

    /** Another replica committed a change to connectors or versions (or the feed may have missed one). */
    @EventListener
    void changed(ChangesElsewhere changes) {
        if (worker != null && changes.concerns(ChangeTopic.CONNECTORS) && queued.compareAndSet(false, true)) {
            worker.execute(this::pass);
        }
    }

    private void pass() {
        queued.set(false);
        Instant started = clock.instant();
        Timestamp from = Timestamp.from(since);
        Map<String, Long> jars = new LinkedHashMap<>();
        try {
            jdbc.query("select sha256, size_bytes from connector_version where created_at > ? "
                    + "union select d.sha256, d.size_bytes from version_dependency d "
                    + "join connector_version v on v.id = d.version_id where v.created_at > ?",
                    row -> {
                        jars.put(row.getString(1), row.getLong(2));
                    }, from, from);
        } catch (RuntimeException e) {
            LOG.warn("Could not list the JARs registered since {} to copy them ahead: {}", since, e.toString());
            return;
        }
        for (Map.Entry<String, Long> jar : jars.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            copy(jar.getKey(), jar.getValue());
        }
        since = started.minus(SLACK);
    }

    private void currentVersions() {
        Map<String, Long> jars = new LinkedHashMap<>();
        try {
            jdbc.query("select j.sha256, j.size_bytes from ("
                    + "select v.sha256, v.size_bytes, c.updated_at from connector c join connector_version v "
                    + "on v.connector_id = c.id and v.version = c.current_version "
                    + "union all select d.sha256, d.size_bytes, c.updated_at from connector c join connector_version v "
                    + "on v.connector_id = c.id and v.version = c.current_version "
                    + "join version_dependency d on d.version_id = v.id) j "
                    + "order by j.updated_at desc fetch first " + START_ROWS + " rows only",
                    row -> {
                        jars.putIfAbsent(row.getString(1), row.getLong(2));
                    });
        } catch (RuntimeException e) {
            LOG.warn("Could not list the current versions' JARs to copy them at start: {}", e.toString());
            return;
        }
        long budget = cache.capacity() / 2;
        for (Map.Entry<String, Long> jar : jars.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (jar.getValue() > budget) {
                continue;
            }
            budget -= jar.getValue();
            copy(jar.getKey(), jar.getValue());
        }
    }

    private void copy(String sha256, long size) {
        try {
            if (cache.prefetch(sha256, size)) {
                copied.increment();
                LOG.debug("Copied {} ({} bytes) ahead of its first download here", sha256, size);
            }
        } catch (Exception e) {
            failed.increment();
            LOG.warn("Could not copy {} ahead of its first download here: {}", sha256, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
