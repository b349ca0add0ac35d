package dev.flinkregistry.server.lease;

import static dev.flinkregistry.server.config.Settings.positive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long jobs hold the versions they use ({@code registry.leases.*}); the defaults are in
 * {@code application.yml}.
 *
 * @param defaultDuration how long a job's lease lasts when it does not say, unless released or renewed
 */
@ConfigurationProperties("registry.leases")
public record LeaseProperties(Duration defaultDuration) {

    public LeaseProperties {
        positive(defaultDuration, "registry.leases.default-duration");
    }
}
