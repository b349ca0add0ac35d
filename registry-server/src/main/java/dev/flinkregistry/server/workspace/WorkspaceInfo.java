package dev.flinkregistry.server.workspace;

import java.time.Instant;

/** A workspace as other features see it. */
public record WorkspaceInfo(long id, String name, String flinkVersion, Instant createdAt) {}
