package dev.flinkregistry.server.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown after readiness went down (Spring publishes REFUSING_TRAFFIC when the
 * context starts closing): the server goes on answering for {@code registry.shutdown.drain-delay},
 * so that whoever routes requests here sees the readiness probe fail and stops, and only then does
 * the graceful shutdown stop accepting connections and wait for requests in flight.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drainDelay;
    private volatile boolean running;

    ShutdownDrain(ShutdownProperties properties) {
        this.drainDelay = properties.drainDelay();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (drainDelay.isZero()) {
            return;
        }
        LOG.info("Shutting down: readiness is down; still answering for {} before refusing new connections",
                drainDelay);
        try {
            Thread.sleep(drainDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown, which stops accepting connections. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
