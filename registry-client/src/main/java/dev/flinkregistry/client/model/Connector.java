package dev.flinkregistry.client.model;

import java.time.Instant;

/**
 * A connector and its current version.
 *
 * @param workspace its workspace
 * @param name its name
 * @param currentVersion the version jobs resolve to now
 * @param versionCount how many versions it has
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 * @param current the current version, with its analysis
 */
public record Connector(String workspace, String name, Integer currentVersion, long versionCount, Instant createdAt,
                        Instant updatedAt, Version current) {}
