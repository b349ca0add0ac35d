package dev.flinkregistry.server.changes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The receiving half of the change feed: one connection of its own (not one of the pool's, which
 * are lent for a transaction and recycled, and whose session would have to keep the LISTEN) that
 * listens on the registry's channel, on a daemon thread, and turns other replicas' notifications
 * into {@link ChangesElsewhere} events here. When the connection is lost the replica says so once,
 * relies on its caches' time to live (none serves an answer longer), and connects again with a
 * growing delay; once back it forgets every cached answer, since it may have missed notifications.
 */
@Component
class ChangeListener implements SmartLifecycle {

    static final String APPLICATION_NAME_PREFIX = "fcr-change-listener ";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final int POLL_MILLIS = 500;

    private final ChangeFeed feed;
    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;
    private final ApplicationEventPublisher events;
    private final ChangeFeedProperties properties;
    private final Counter received;
    private final Counter losses;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Instant lostAt;
    private volatile String lostBecause;
    private volatile Thread thread;
    private volatile Connection connection;

    ChangeListener(ChangeFeed feed, ObjectProvider<JdbcConnectionDetails> connectionDetails,
                   ApplicationEventPublisher events, ChangeFeedProperties properties, MeterRegistry meters) {
        this.feed = feed;
        this.connectionDetails = connectionDetails;
        this.events = events;
        this.properties = properties;
        this.received = Counter.builder("registry.changes.notifications.received")
                .description("Other replicas' change notifications this replica acted on").register(meters);
        this.losses = Counter.builder("registry.changes.listener.losses")
                .description("Times the change listener's connection was lost").register(meters);
        Gauge.builder("registry.changes.listener.connected", this, l -> l.connected ? 1 : 0)
                .description("1 while this replica hears other replicas' changes at once, 0 while it relies on "
                        + "cache expiry (or the feed is off)").register(meters);
    }

    @Override
    public void start() {
        if (!feed.enabled() || connectionDetails.getIfAvailable() == null) {
            return;
        }
        running = true;
        Thread listener = new Thread(this::listen, "change-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener == null) {
            return;
        }
        listener.interrupt();
        closeQuietly(connection);
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Listening before the web server takes requests, and until it has finished the last of them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    boolean connected() {
        return connected;
    }

    /** When the connection was lost (null while connected, or before the first connection). */
    Instant lostAt() {
        return lostAt;
    }

    String lostBecause() {
        return lostBecause;
    }

    double notificationsReceived() {
        return received.count();
    }

    private void listen() {
        Duration delay = FIRST_RETRY;
        boolean everConnected = false;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + feed.channel());
                }
                connected = true;
                if (everConnected) {
                    LOG.info("Change listener connected again on channel {}; forgetting every cached answer, since "
                            + "changes made meanwhile may not have been announced here", feed.channel());
                    events.publishEvent(ChangesElsewhere.everything());
                } else {
                    LOG.info("Change listener on channel {} (replica {})", feed.channel(), feed.replicaId());
                }
                everConnected = true;
                lostAt = null;
                lostBecause = null;
                delay = FIRST_RETRY;
                poll(listening.unwrap(PGConnection.class), listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (connected || lostAt == null) {
                    connected = false;
                    lostAt = Instant.now();
                    lostBecause = e.getMessage();
                    losses.increment();
                    LOG.warn("Change listener lost its connection ({}); other replicas' changes are seen when cached "
                            + "answers expire until it connects again", e.getMessage());
                } else {
                    LOG.debug("Change listener still cannot connect: {}", e.getMessage());
                }
                pause(delay);
                delay = delay.multipliedBy(2).compareTo(properties.maxReconnectDelay()) > 0
                        ? properties.maxReconnectDelay() : delay.multipliedBy(2);
            } finally {
                connected = false;
                connection = null;
            }
        }
    }

    /** Until the connection fails or the listener stops; an idle connection is checked now and then. */
    private void poll(PGConnection pg, Connection listening) throws SQLException {
        long heartbeatNanos = properties.heartbeat().toNanos();
        long lastChecked = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                handle(notifications);
                lastChecked = System.nanoTime();
            } else if (System.nanoTime() - lastChecked > heartbeatNanos) {
                try (Statement statement = listening.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, properties.heartbeat().toSeconds()));
                    statement.execute("select 1");
                }
                lastChecked = System.nanoTime();
            }
        }
    }

    private void handle(PGNotification[] notifications) {
        Set<ChangeTopic> topics = EnumSet.noneOf(ChangeTopic.class);
        for (PGNotification notification : notifications) {
            String[] parts = notification.getParameter().split(" ", 2);
            if (parts.length == 2 && parts[1].equals(feed.replicaId())) {
                continue; // this replica's own change: it forgot its answers when the change committed
            }
            // A topic this version does not know (a newer replica during a rolling upgrade): forget everything.
            ChangeTopic.fromWireName(parts[0]).ifPresentOrElse(topics::add,
                    () -> topics.addAll(EnumSet.allOf(ChangeTopic.class)));
            received.increment();
        }
        if (!topics.isEmpty()) {
            events.publishEvent(new ChangesElsewhere(topics));
        }
    }

    private Connection connect() throws SQLException {
        JdbcConnectionDetails details = connectionDetails.getObject();
        Properties info = new Properties();
        if (details.getUsername() != null) {
            info.setProperty("user", details.getUsername());
        }
        if (details.getPassword() != null) {
            info.setProperty("password", details.getPassword());
        }
        info.setProperty("ApplicationName", APPLICATION_NAME_PREFIX + feed.replicaId());
        info.setProperty("tcpKeepAlive", "true");
        info.setProperty("connectTimeout", "10");
        // A connection that silently died (a network partition) fails the heartbeat within this time.
        info.setProperty("socketTimeout", String.valueOf(Math.max(10, 3 * properties.heartbeat().toSeconds())));
        Connection opened = DriverManager.getConnection(details.getJdbcUrl(), info);
        opened.setAutoCommit(true);
        return opened;
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing to wake the listener up; it is going away anyway
            }
        }
    }
}
