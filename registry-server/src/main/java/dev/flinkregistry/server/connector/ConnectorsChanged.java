package dev.flinkregistry.server.connector;

/**
 * Published by every change to a workspace's connectors, versions or current pointers, so that
 * readers keeping derived answers (the resolve cache) forget them once the change has committed.
 */
public record ConnectorsChanged(long workspaceId) {}
