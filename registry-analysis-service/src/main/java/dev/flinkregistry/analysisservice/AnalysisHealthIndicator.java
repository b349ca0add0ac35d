package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.IsolationStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code analysis}, part of readiness: DOWN while no isolation mechanism works here
 * (or the first probe still runs), so that no analysis is routed to a pod that would refuse it. UP
 * with {@code registry.analysis.isolation=none}, an operator's explicit choice.
 */
@Component
class AnalysisHealthIndicator implements HealthIndicator {

    private final Analyses analyses;

    AnalysisHealthIndicator(Analyses analyses) {
        this.analyses = analyses;
    }

    @Override
    public Health health() {
        IsolationStatus status = analyses.isolation();
        return (status.available() ? Health.up() : Health.down())
                .withDetail("isolation", status.mechanism().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("isolated", status.isolated())
                .withDetail("reason", status.reason())
                .build();
    }
}
