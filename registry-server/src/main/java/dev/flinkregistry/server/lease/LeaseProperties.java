package dev.flinkregistry.server.lease;

import static dev.flinkregistry.server.config.Settings.positive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long jobs hold the versions they use ({@code registry.leases.*}); the defaults are in
 * {@code application.yml}.
 *
 * @param defaultDuration how long a job's lease lasts when it does not say, unless released or renewed
 * @param maxDuration the longest lease a job may ask for (renewing it before it ends is how a longer job keeps it)
 */
@ConfigurationProperties("registry.leases")
public record LeaseProperties(Duration defaultDuration, Duration maxDuration) {

    public LeaseProperties {
        positive(defaultDuration, "registry.leases.default-duration");
        positive(maxDuration, "registry.leases.max-duration");
        if (defaultDuration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException("registry.leases.default-duration (" + defaultDuration
                    + ") must not be longer than registry.leases.max-duration (" + maxDuration + ")");
        }
    }
}
