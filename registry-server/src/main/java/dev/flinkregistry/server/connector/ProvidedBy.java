package dev.flinkregistry.server.connector;

/**
 * A registered version of a workspace's connector that provides something a job lacked: an
 * identifier (with the family and factory class declaring it) or a class.
 *
 * @param family the factory's family, or null when a class was asked for
 * @param className the factory class, or the class asked for
 * @param current whether this version is the connector's current one
 */
public record ProvidedBy(String connector, long versionId, int version, boolean current, String family,
                         String identifier, String className, String sha256, long size) {}
