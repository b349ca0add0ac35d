package dev.flinkregistry.server.changes;

/**
 * A change other replicas must hear of. Published as an application event inside the change's own
 * transaction: the change feed then announces it in that transaction, so that the announcement is
 * delivered when, and only if, the change commits.
 */
public interface SharedChange {

    ChangeTopic topic();

    /** A change of this topic, for features that need no event type of their own. */
    static SharedChange of(ChangeTopic topic) {
        return new Of(topic);
    }

    /** The plain shared change {@link #of} makes. */
    record Of(ChangeTopic topic) implements SharedChange {}
}
