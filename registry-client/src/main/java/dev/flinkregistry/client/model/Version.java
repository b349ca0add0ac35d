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
 * @param dependencies the JARs that travel with this version (drivers, client libraries), in class-path
 *     order; empty when it has none
 */
public record Version(String workspace, String connector, int version, String sha256, long size, String fileName,
                      String sourceType, String sourceUrl, String createdBy, Instant createdAt, boolean current,
                      String downloadPath, Analysis analysis, Acceptance acceptance, List<Dependency> dependencies) {

    /** Copies the dependencies; a server that sends none (an older one) gives an empty list. */
    public Version {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /**
     * A JAR attached to the version as its dependency, resolved and delivered with it.
     *
     * @param fileName the readable name it was sent under (never a path)
     * @param sha256 its SHA-256
     * @param size its size in bytes
     * @param sourceType {@code UPLOAD} or {@code URL}
     * @param sourceUrl the URL it was snapshotted from, for {@code URL}
     * @param downloadPath its immutable, content-addressed download path on the server
     */
    public record Dependency(String fileName, String sha256, long size, String sourceType, String sourceUrl,
                             String downloadPath) {}

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
