package dev.flinkregistry.server.connector;

/**
 * One identifier a connector's current version offers, with the pinned bytes.
 *
 * @param versionId the version's database id, for leases
 */
public record Offer(String family, String identifier, String connector, long versionId, int version,
                    String sha256, long size) {}
