package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.IsolationStatus;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code analysis}: UP with the isolation mechanism, or DOWN
 * with what to install or configure when no mechanism works here (analyses are refused then). With
 * the remote analysis service, its state: DOWN when it cannot be reached, refuses this server's
 * token, or has no isolation itself; {@code location} says where analyses run.
 */
@Component
class AnalysisHealthIndicator implements HealthIndicator {

    private final AnalysisService analysis;

    AnalysisHealthIndicator(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @Override
    public Health health() {
        IsolationStatus status = analysis.isolation();
        return (status.available() ? Health.up() : Health.down())
                .withDetail("location", analysis.location())
                .withDetail("isolation", status.mechanism().name().toLowerCase(Locale.ROOT))
                .withDetail("isolated", status.isolated())
                .withDetail("reason", status.reason())
                .build();
    }
}
