package dev.flinkregistry.server.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending half of the change feed: every {@link SharedChange} becomes a PostgreSQL
 * {@code NOTIFY} on the registry's channel, issued in the transaction that publishes the change, so
 * that PostgreSQL delivers it to every listening replica when, and only if, that transaction commits.
 * On any other database (H2: one process) and with {@code registry.changes.feed=off} it does nothing.
 */
@Component
class ChangeFeed {

    static final String CHANNEL_PREFIX = "fcr_changes";
    private static final int MAX_IDENTIFIER = 63;

    private final JdbcTemplate jdbc;
    private final String replicaId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String channel;
    private final String offReason;

    ChangeFeed(DataSource dataSource, JdbcTemplate jdbc, ChangeFeedProperties properties) throws SQLException {
        this.jdbc = jdbc;
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        if (properties.feed() == ChangeFeedProperties.Mode.OFF) {
            channel = null;
            offReason = "registry.changes.feed is off: other replicas' changes are seen when cached answers expire";
        } else if (!"PostgreSQL".equalsIgnoreCase(product)) {
            channel = null;
            offReason = product + " is this process's own database: there are no other replicas to tell";
        } else {
            channel = channelFor(jdbc.queryForObject("select current_schema()", String.class));
            offReason = null;
        }
    }

    /**
     * The channel of the registry whose tables live in this schema: registries sharing a database
     * in different schemas do not hear each other.
     */
    static String channelFor(String schema) {
        String name = schema == null || schema.equals("public") ? CHANNEL_PREFIX
                : CHANNEL_PREFIX + "_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
    }

    /** In the publisher's transaction (or at once, outside one): others hear of it once it commits. */
    @EventListener
    void announce(SharedChange change) {
        if (channel != null) {
            jdbc.query("select pg_notify(?, ?)", rows -> null, channel, payload(change.topic()));
        }
    }

    String payload(ChangeTopic topic) {
        return topic.wireName() + " " + replicaId;
    }

    boolean enabled() {
        return channel != null;
    }

    /** Null when the feed is off. */
    String channel() {
        return channel;
    }

    /** Why the feed is off, or null. */
    String offReason() {
        return offReason;
    }

    /** This process among the replicas; its own notifications come back to it and are skipped. */
    String replicaId() {
        return replicaId;
    }
}
