package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.model.Family;
import org.junit.jupiter.api.Test;

/**
 * The worker names families in its own table (its class path holds only Flink); every family of
 * every factory Flink ships, as the worker described them at build time, is one the registry knows.
 */
class FamilyNamesTest {

    @Test
    void everyFamilyTheWorkerReportsIsARegistryFamily() {
        for (String line : FlinkRuntimes.SUPPORTED_LINES) {
            assertThat(SharedAnalyzer.analyzer().runtimes().get(line).builtinFactories())
                    .flatExtracting(FactoryReport::families).isNotEmpty()
                    .allSatisfy(family -> assertThat(Family.fromWireName(family)).as("family %s", family)
                            .hasValueSatisfying(known -> assertThat(known.isFactoryFamily()).isTrue()));
        }
    }
}
