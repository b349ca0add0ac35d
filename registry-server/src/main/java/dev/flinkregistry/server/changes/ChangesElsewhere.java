package dev.flinkregistry.server.changes;

import java.util.EnumSet;
import java.util.Set;

/**
 * Published on this replica when other replicas committed changes of these topics, or, after the
 * change feed was disconnected and may have missed some, for every topic at once. Whoever keeps
 * answers derived from shared state forgets those of the topics it reads.
 */
public record ChangesElsewhere(Set<ChangeTopic> topics) {

    public ChangesElsewhere {
        topics = Set.copyOf(topics);
    }

    /** Every topic: what a replica that may have missed notifications must assume. */
    static ChangesElsewhere everything() {
        return new ChangesElsewhere(EnumSet.allOf(ChangeTopic.class));
    }

    public boolean concerns(ChangeTopic topic) {
        return topics.contains(topic);
    }
}
