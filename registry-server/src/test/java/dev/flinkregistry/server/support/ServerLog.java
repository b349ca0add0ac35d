package dev.flinkregistry.server.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the servers of this JVM log while it is attached, each entry as the console prints it
 * (level, logger, message and the whole exception chain), Tomcat's own entries included (they
 * reach Logback through the JUL bridge). Attach it after the server started: start-up resets
 * Logback and drops it.
 */
public final class ServerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final PatternLayout layout = new PatternLayout();
    private final List<String> entries = new ArrayList<>();

    private ServerLog() {}

    /** Starts capturing everything logged, at every level the configuration lets through. */
    public static ServerLog capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ServerLog log = new ServerLog();
        log.setContext(context);
        log.layout.setContext(context);
        log.layout.setPattern("%level %logger - %msg%n%ex{full}");
        log.layout.start();
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
        return log;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        entries.add(layout.doLayout(event));
    }

    /** The entries logged so far, oldest first. */
    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Forgets what was logged so far. */
    public synchronized void clear() {
        entries.clear();
    }

    @Override
    public void close() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
