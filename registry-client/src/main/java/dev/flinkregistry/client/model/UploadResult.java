package dev.flinkregistry.client.model;

/**
 * The answer to a registration or an update.
 *
 * @param version the version the bytes are
 * @param created false when identical bytes were already a version, so nothing was created
 * @param diff the compatibility diff against the version that was current before
 */
public record UploadResult(Version version, boolean created, VersionDiff diff) {}
