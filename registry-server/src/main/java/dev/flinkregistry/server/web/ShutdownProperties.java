package dev.flinkregistry.server.web;

import static dev.flinkregistry.server.config.Settings.notNegative;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the server stops ({@code registry.shutdown.*}); the defaults are in {@code application.yml}.
 *
 * @param drainDelay how long the server keeps answering after its readiness went down (REFUSING_TRAFFIC),
 *     so that a load balancer or Kubernetes stops sending requests before it stops accepting them
 *     (0: stop accepting at once; requests in flight are finished either way, within
 *     {@code spring.lifecycle.timeout-per-shutdown-phase})
 */
@ConfigurationProperties("registry.shutdown")
public record ShutdownProperties(Duration drainDelay) {

    public ShutdownProperties {
        notNegative(drainDelay, "registry.shutdown.drain-delay");
    }
}
