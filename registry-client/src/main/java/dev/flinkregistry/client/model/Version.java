package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a connector.
 *
 * @param workspace its workspace
 * @param connector its connector
 * @param version its number (1, 2, 3, …)
 * @param sha256 the JAR's SHA-256, which addresses its bytes
 * @param size the JAR's size in bytes
 * @param fileName the uploaded file's name, if known
 * @param sourceType {@code UPLOAD} or {@code URL}
 * @param sourceUrl the URL the JAR was snapshotted from, for {@code URL}
 * @param createdBy who registered it
 * @param createdAt when
 * @param current whether it is the connector's current version
 * @param downloadPath the immutable, content-addressed download path on the server
 * @param analysis its analysis (absent in version listings)
 * @param acceptance the error findings a workspace admin accepted to register these bytes, or null
 */
public record Version(String workspace, String connector, int version, String sha256, long size, String fileName,
                      String sourceType, String sourceUrl, String createdBy, Instant createdAt, boolean current,
                      String downloadPath, Analysis analysis, Acceptance acceptance) {

    /**
     * Error findings a workspace admin accepted on purpose, so that a JAR the analysis refused was
     * registered (for instance a third-party release that cannot be rebuilt).
     *
     * @param codes the accepted finding codes: exactly those whose findings refused the JAR
     * @param reason why they were accepted
     * @param acceptedBy who accepted them, as the audit log names callers
     * @param acceptedAt when
     */
    public record Acceptance(List<String> codes, String reason, String acceptedBy, Instant acceptedAt) {}
}
