package dev.flinkregistry.server.storage;

import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.ChangesElsewhere;
import dev.flinkregistry.server.changes.SharedChange;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which stored JARs are known not to hash to their digest any more. Kept in the database so that
 * every replica, and the next start, knows; each replica keeps the (normally empty) set in memory
 * for the download path, reloads it when the change feed says another replica changed it, and
 * every few seconds anyway.
 */
@Service
public class BlobIntegrity {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private volatile Set<String> corrupt = Set.of();

    BlobIntegrity(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        reload();
    }

    /** A stored JAR whose bytes changed, as the scrubber found it. */
    public record CorruptBlob(String sha256, String actualSha256, Instant detectedAt) {}

    /** Whether the bytes stored under this digest are known to be something else. */
    public boolean isKnownCorrupt(String sha256) {
        return corrupt.contains(sha256);
    }

    /** Records what a check of the stored bytes found: {@code actual} is their SHA-256 now (null: unreadable). */
    @Transactional
    public void record(String sha256, String actual) {
        int known = jdbc.update("delete from corrupt_blob where sha256 = ?", sha256);
        boolean intact = sha256.equals(actual);
        if (!intact) {
            jdbc.update("insert into corrupt_blob (sha256, actual_sha256, detected_at) values (?, ?, ?)", sha256,
                    actual, Timestamp.from(Instant.now()));
        }
        remember(sha256, !intact);
        if (known > 0 || !intact) {
            // Not for every intact JAR a scrub checks: only a finding (or its end) is news to other replicas.
            events.publishEvent(SharedChange.of(ChangeTopic.STORED_JARS));
        }
    }

    /** Forgets a digest whose bytes are gone (collected): there is nothing left to serve wrongly. */
    @Transactional
    public void forget(String sha256) {
        int known = jdbc.update("delete from corrupt_blob where sha256 = ?", sha256);
        remember(sha256, false);
        if (known > 0) {
            events.publishEvent(SharedChange.of(ChangeTopic.STORED_JARS));
        }
    }

    /** This replica knows its own findings at once; others' arrive with the next reload. */
    private synchronized void remember(String sha256, boolean corruptNow) {
        Set<String> updated = new HashSet<>(corrupt);
        if (corruptNow) {
            updated.add(sha256);
        } else {
            updated.remove(sha256);
        }
        corrupt = Set.copyOf(updated);
    }

    /** Every stored JAR known to be corrupt, oldest finding first. */
    public List<CorruptBlob> corrupt() {
        return jdbc.query("select sha256, actual_sha256, detected_at from corrupt_blob order by detected_at, sha256",
                (row, i) -> new CorruptBlob(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant()));
    }

    /** Another replica's scrubber found something (or this one may have missed it). */
    @EventListener
    void reload(ChangesElsewhere changes) {
        if (changes.concerns(ChangeTopic.STORED_JARS)) {
            reload();
        }
    }

    /** Reads the findings again, so those of another replica's scrubber are honoured here too. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    public synchronized void reload() {
        corrupt = corrupt().stream().map(CorruptBlob::sha256).collect(Collectors.toUnmodifiableSet());
    }
}
