package dev.flinkregistry.server.housekeeping;

import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.connector.ConnectorQueries;
import dev.flinkregistry.server.storage.BlobClaims;
import dev.flinkregistry.server.storage.BlobIntegrity;
import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.storage.StorageProperties;
import dev.flinkregistry.server.upload.JarReceiver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 7: collects bytes no version references (a failed or interrupted registration,
 * a deleted version) and abandoned partial uploads, once they are older than the grace period,
 * so a registration that is about to commit never loses its bytes.
 */
@Component
public class BlobCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    private final BlobStore blobs;
    private final ConnectorQueries connectors;
    private final JarReceiver receiver;
    private final BlobIntegrity integrity;
    private final BlobClaims claims;
    private final AnalysisService analysis;
    private final Duration grace;

    BlobCollector(BlobStore blobs, ConnectorQueries connectors, JarReceiver receiver, BlobIntegrity integrity,
                  BlobClaims claims, AnalysisService analysis, StorageProperties properties) {
        this.analysis = analysis;
        this.claims = claims;
        this.blobs = blobs;
        this.integrity = integrity;
        this.connectors = connectors;
        this.receiver = receiver;
        this.grace = properties.blobGracePeriod();
    }

    /**
     * What one collection removed.
     *
     * @param partialUploads abandoned uploads: scratch files here, and unfinished multipart uploads in an object store
     */
    public record Collected(List<String> blobs, int partialUploads) {}

    /** Collects what is older than the grace period now (an administrator asked). */
    public Collected collectNow() throws IOException {
        return collect(Instant.now().minus(grace));
    }

    @Scheduled(fixedDelayString = "${registry.storage.collection-interval}", initialDelayString = "PT1M")
    public void scheduled() {
        try {
            Collected collected = collectNow();
            if (!collected.blobs().isEmpty() || collected.partialUploads() > 0) {
                LOG.info("Collected {} unreferenced blobs and {} abandoned uploads", collected.blobs().size(),
                        collected.partialUploads());
            }
        } catch (IOException e) {
            LOG.warn("Blob collection failed; it is retried on the next run", e);
        }
    }

    /**
     * Deletes unreferenced blobs and partial uploads last touched before {@code olderThan}. A blob is
     * deleted only while its claim is held (BlobClaims), so a registration on any replica that is
     * storing the same bytes right now keeps them.
     */
    public Collected collect(Instant olderThan) throws IOException {
        List<String> candidates = new ArrayList<>();
        blobs.forEach(blob -> {
            if (blob.lastModified().isBefore(olderThan)) {
                candidates.add(blob.sha256());
            }
        });
        List<String> unreferenced = new ArrayList<>();
        for (String sha256 : candidates) {
            if (connectors.isReferenced(sha256)) {
                continue;
            }
            // Checked again under the claim: a registration claims, then stores (touches) its bytes, then commits.
            // The class index of a dependency JAR goes with its bytes, in the same transaction.
            if (claims.deleteUnlessClaimedSince(sha256, olderThan, () -> {
                if (connectors.isReferenced(sha256) || !blobs.deleteIfUntouchedSince(sha256, olderThan)) {
                    return false;
                }
                connectors.forgetDependencyClasses(sha256);
                return true;
            })) {
                unreferenced.add(sha256);
                integrity.forget(sha256);
            }
        }
        claims.forgetOlderThan(olderThan);
        Duration age = Duration.between(olderThan, Instant.now());
        analysis.removeStaleScratch(age.isNegative() ? Duration.ZERO : age);
        int abandoned = receiver.deleteAbandoned(olderThan) + blobs.abortUploadsStartedBefore(olderThan);
        return new Collected(unreferenced, abandoned);
    }
}
