package dev.flinkregistry.client.model;

import java.time.Instant;

/**
 * A workspace: a tenant with its own connectors, targeting one Flink engine version.
 *
 * @param name the workspace's name, e.g. {@code default}
 * @param flinkVersion the Flink engine line its connectors are checked against, e.g. {@code 1.20}
 * @param createdAt when it was created
 */
public record Workspace(String name, String flinkVersion, Instant createdAt) {}
