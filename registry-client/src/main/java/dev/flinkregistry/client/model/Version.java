package dev.flinkregistry.client.model;

import java.time.Instant;

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
 */
public record Version(String workspace, String connector, int version, String sha256, long size, String fileName,
                      String sourceType, String sourceUrl, String createdBy, Instant createdAt, boolean current,
                      String downloadPath, Analysis analysis) {}
