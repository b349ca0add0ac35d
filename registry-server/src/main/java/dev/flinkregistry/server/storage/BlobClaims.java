package dev.flinkregistry.server.storage;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DESIGN rule 7 across replicas: bytes one replica is about to commit are never collected by another.
 * A registration claims the digest (a row, committed at once) before it stores the bytes; the
 * collector deletes bytes only inside a transaction that holds the digest's row locked, and only
 * while no claim is newer than the grace period. A registration that claims meanwhile waits for
 * that transaction, then finds the bytes gone and stores them again. The object store needs no
 * conditional delete, and the same holds for a file store shared by replicas.
 */
@Service
public class BlobClaims {

    private static final Timestamp NEVER = Timestamp.from(Instant.EPOCH);
    private static final int ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    BlobClaims(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Claims the digest now, committed before this returns; waits while the collector holds it. */
    public void claim(String sha256) {
        Timestamp now = Timestamp.from(Instant.now());
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    if (jdbc.update("update blob_claim set claimed_at = ? where sha256 = ?", now, sha256) == 0) {
                        jdbc.update("insert into blob_claim (sha256, claimed_at) values (?, ?)", sha256, now);
                    }
                });
                return;
            } catch (DataIntegrityViolationException rivalInsertedFirst) {
                // Another replica (or the collector) inserted the row between the update and the
                // insert: the next attempt updates it.
                if (attempt == ATTEMPTS) {
                    throw rivalInsertedFirst;
                }
            }
        }
    }

    /** What the collector does to bytes it holds the claim of; true when it deleted them. */
    @FunctionalInterface
    public interface Deletion {
        boolean delete() throws IOException;
    }

    /**
     * Runs the deletion while holding the digest's claim locked, unless it was claimed after
     * {@code olderThan}; forgets the claim when the deletion deleted. False when it did not run,
     * did not delete, or a registration was claiming the digest at that very moment.
     */
    public boolean deleteUnlessClaimedSince(String sha256, Instant olderThan, Deletion deletion) throws IOException {
        try {
            Boolean deleted = transactions.execute(status -> {
                jdbc.update("insert into blob_claim (sha256, claimed_at) select cast(? as varchar(64)), "
                        + "cast(? as timestamp with time zone) from (values (0)) as one(x) where not exists "
                        + "(select 1 from blob_claim where sha256 = ?)", sha256, NEVER, sha256);
                List<Timestamp> claimed = jdbc.queryForList(
                        "select claimed_at from blob_claim where sha256 = ? for update", Timestamp.class, sha256);
                if (claimed.isEmpty() || !claimed.get(0).toInstant().isBefore(olderThan)) {
                    return false;
                }
                try {
                    if (!deletion.delete()) {
                        return false;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                jdbc.update("delete from blob_claim where sha256 = ?", sha256);
                return true;
            });
            return Boolean.TRUE.equals(deleted);
        } catch (DataIntegrityViolationException claimedThisMoment) {
            return false;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Forgets claims older than {@code olderThan}: their registrations committed or failed long ago. */
    public int forgetOlderThan(Instant olderThan) {
        return jdbc.update("delete from blob_claim where claimed_at < ?", Timestamp.from(olderThan));
    }
}
