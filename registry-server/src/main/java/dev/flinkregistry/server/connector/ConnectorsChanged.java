package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.changes.ChangeTopic;
import dev.flinkregistry.server.changes.SharedChange;

/**
 * Published by every change to a workspace's connectors, versions or current pointers, inside the
 * change's transaction, so that readers keeping derived answers (the resolve cache) forget them once
 * the change has committed, here and, through the change feed, on every other replica.
 */
public record ConnectorsChanged(long workspaceId) implements SharedChange {

    @Override
    public ChangeTopic topic() {
        return ChangeTopic.CONNECTORS;
    }
}
