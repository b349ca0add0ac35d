package dev.flinkregistry.server.changes;

import static dev.flinkregistry.server.config.Settings.positive;
import static dev.flinkregistry.server.config.Settings.required;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How replicas tell each other about committed changes ({@code registry.changes.*}); the defaults
 * are in {@code application.yml}.
 *
 * @param feed {@code auto}: on PostgreSQL, a change on one replica clears the others' caches at
 *     once (LISTEN/NOTIFY); on H2 (one process) there is nothing to tell. {@code off}: other replicas'
 *     changes are seen only when cached answers expire
 * @param maxReconnectDelay the longest wait between attempts to connect the listener again after it was lost
 * @param heartbeat how often an idle listener checks that its connection still works
 */
@ConfigurationProperties("registry.changes")
public record ChangeFeedProperties(Mode feed, Duration maxReconnectDelay, Duration heartbeat) {

    /** Whether the feed runs where it can. */
    public enum Mode { AUTO, OFF }

    public ChangeFeedProperties {
        required(feed, "registry.changes.feed");
        positive(maxReconnectDelay, "registry.changes.max-reconnect-delay");
        positive(heartbeat, "registry.changes.heartbeat");
    }
}
