package dev.flinkregistry.server.changes;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code changeFeed}: UP while this replica hears other replicas'
 * changes at once (or when there are none to hear: H2, or the feed switched off), UNKNOWN until it
 * first connected, DOWN while its
 * listener is disconnected and cached answers may be as old as their time to live. Not part of the
 * readiness group: such a replica still answers correctly, only less freshly.
 */
@Component
class ChangeFeedHealthIndicator implements HealthIndicator {

    private final ChangeFeed feed;
    private final ChangeListener listener;

    ChangeFeedHealthIndicator(ChangeFeed feed, ChangeListener listener) {
        this.feed = feed;
        this.listener = listener;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("feed", feed.enabled() ? "postgresql" : "off");
        details.put("replica", feed.replicaId());
        if (!feed.enabled()) {
            details.put("reason", feed.offReason());
            return Health.up().withDetails(details).build();
        }
        details.put("channel", feed.channel());
        details.put("connected", listener.connected());
        details.put("notificationsReceived", (long) listener.notificationsReceived());
        if (listener.connected()) {
            return Health.up().withDetails(details).build();
        }
        if (listener.lostAt() == null) {
            return Health.unknown().withDetail("state", "connecting").withDetails(details).build();
        }
        details.put("lostAt", listener.lostAt().toString());
        details.put("reason", listener.lostBecause());
        details.put("fallback", "cached answers expire after their time to live; reconnecting");
        return Health.down().withDetails(details).build();
    }
}
