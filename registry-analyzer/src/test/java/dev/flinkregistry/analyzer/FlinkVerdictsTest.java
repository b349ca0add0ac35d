package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analysis;
import static dev.flinkregistry.testsupport.TestJars.broken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The verdict is what Flink's own discovery would do with the JAR in a job's class path (DESIGN
 * rules 1 and 2): a factory whose class cannot be loaded is skipped, not fatal; a duplicated pair
 * is unusable alone; a missing Flink class is blamed on the right thing; only usable factories are
 * worth declaring; a plug-in for another component's extension point is named as such.
 */
class FlinkVerdictsTest {

    private static final String BROKEN = "dev.flinkregistry.samples.broken.";

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void factoriesFlinkSkipsAreWarningsAndTheFactoryThatLoadsIsOffered(String flink) {
        JarAnalysis analysis = analysis(broken("skipped-factories"), flink);

        assertThat(analysis.accepted()).as(String.valueOf(analysis.findings())).isTrue();
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("still-works");
        assertThat(codes(analysis)).containsExactly("FACTORY_SKIPPED_BY_FLINK", "FACTORY_SKIPPED_BY_FLINK");
        assertThat(analysis.findings()).allMatch(f -> f.severity() == Severity.WARNING);
        Finding endpoint = analysis.findings().stream()
                .filter(f -> (BROKEN + "skipped.GatewayEndpointFactory").equals(f.subject())).findFirst().orElseThrow();
        // The interface is in a Flink module outside lib/, not in another Flink version.
        assertThat(endpoint.message()).contains("org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactory",
                "flink-sql-gateway-api", "not in the distribution's lib/", "skips").doesNotContain("another Flink version");
        Finding ownBase = analysis.findings().stream()
                .filter(f -> (BROKEN + "skipped.NeedsOwnBaseFactory").equals(f.subject())).findFirst().orElseThrow();
        assertThat(ownBase.message()).contains(BROKEN + "skipped.OwnBase", "bundle that dependency");
        assertThat(analysis.factories()).filteredOn(f -> !f.loaded()).extracting(f -> f.failure().code(),
                f -> f.failure().skippedByFlink()).containsExactlyInAnyOrder(
                        tuple("FACTORY_DEPENDENCY_MISSING", true), tuple("FACTORY_DEPENDENCY_MISSING", true));
    }

    @Test
    void aFlinkClassOfAnotherVersionIsBlamedOnTheVersionAndRefusesWhenFlinkCannotSkipIt() {
        JarAnalysis onFlink2 = analysis(broken("other-flink-api"), FLINK_2);

        // Its constructor needs the class: ServiceLoader wraps that error, which breaks Flink's discovery.
        assertThat(onFlink2.accepted()).isFalse();
        Finding missing = finding(onFlink2, "FACTORY_FLINK_API_MISSING");
        assertThat(missing.severity()).isEqualTo(Severity.ERROR);
        assertThat(missing.message()).contains("org.apache.flink.api.common.time.Time", "Flink 1.20 has",
                "Flink 2.2 does not", "built against another Flink version");
        assertThat(onFlink2.factories()).singleElement().satisfies(f -> assertThat(f.failure().skippedByFlink()).isFalse());

        JarAnalysis onFlink1 = analysis(broken("other-flink-api"), FLINK_1);
        assertThat(onFlink1.accepted()).isTrue();
        assertThat(onFlink1.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("old-time-30000");
    }

    @Test
    void aDuplicatedPairIsUnusableAloneAndTheRestRegisters() {
        JarAnalysis analysis = analysis(broken("duplicate-and-other"), FLINK_1);

        assertThat(analysis.accepted()).isTrue();
        assertThat(codes(analysis)).containsExactly("DUPLICATE_IDENTIFIER");
        Finding duplicate = finding(analysis, "DUPLICATE_IDENTIFIER");
        assertThat(duplicate.severity()).isEqualTo(Severity.ERROR);
        assertThat(duplicate.subject()).isEqualTo("twin");
        assertThat(duplicate.message()).contains("'connector' = 'twin'", "Multiple factories", "neither offered nor claimed");
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("still-works");
        assertThat(analysis.factories()).filteredOn(f -> "twin".equals(f.identifier())).hasSize(2)
                .allSatisfy(twin -> assertThat(twin.failure().code()).isEqualTo("DUPLICATE_IDENTIFIER"));
    }

    @Test
    void onlyFactoriesFlinkCouldUseAreWorthDeclaring() {
        JarAnalysis analysis = analysis(broken("undeclared-factory"), FLINK_1);

        assertThat(analysis.accepted()).isTrue();
        assertThat(codes(analysis)).containsExactly("FACTORY_NOT_DECLARED");
        assertThat(finding(analysis, "FACTORY_NOT_DECLARED").subject()).isEqualTo(BROKEN + "undeclared.UndeclaredFactory");
        // The worker looked at the other one, and found it cannot be instantiated: no advice to declare it.
        assertThat(analysis.factories()).filteredOn(f -> f.className().endsWith("PrivateConstructorFactory"))
                .singleElement().satisfies(f -> {
                    assertThat(f.declared()).isFalse();
                    assertThat(f.failure().code()).isEqualTo("FACTORY_NOT_INSTANTIABLE");
                });
    }

    @Test
    void aPlugInForAnotherComponentsExtensionPointIsNamedAsSuch() {
        JarAnalysis analysis = analysis(broken("foreign-spi-plugin"), FLINK_1);

        assertThat(analysis.accepted()).isFalse();
        assertThat(codes(analysis)).containsExactlyInAnyOrder("NO_FACTORY_SERVICES", "FOREIGN_SPI_PLUGIN");
        Finding plugin = finding(analysis, "FOREIGN_SPI_PLUGIN");
        assertThat(plugin.severity()).isEqualTo(Severity.WARNING);
        assertThat(plugin.subject()).isEqualTo("org.apache.flink.connector.jdbc.dialect.JdbcDialectFactory");
        assertThat(plugin.message()).contains("plug-in", "org.apache.flink.connector.jdbc.dialect.JdbcDialectFactory");
        assertThat(plugin.details()).containsExactly("org.apache.flink.connector.jdbc.dialect.JdbcDialectFactory");
    }

    @Test
    void aLegacyTableFactoryCatalogIsOfferedOnFlink1AndNotOnFlink2() {
        Path iceberg = TestJars.central("iceberg-flink-runtime-1.20-1.10.0");

        JarAnalysis onFlink1 = analysis(iceberg, FLINK_1);
        assertThat(onFlink1.accepted()).isTrue();
        assertThat(onFlink1.loadedFactories()).filteredOn(f -> f.families().contains("catalog"))
                .singleElement().satisfies(catalog -> {
                    assertThat(catalog.identifier()).isEqualTo("iceberg");
                    assertThat(catalog.className()).isEqualTo("org.apache.iceberg.flink.FlinkCatalogFactory");
                    assertThat(catalog.discovery()).containsExactly("CatalogFactory");
                    assertThat(catalog.options()).extracting(OptionReport::key).isNotEmpty();
                });
        Finding legacy = finding(onFlink1, "LEGACY_TABLE_FACTORY");
        assertThat(legacy.severity()).isEqualTo(Severity.WARNING);
        assertThat(legacy.message()).contains("Flink 1.20 still finds", "catalog 'iceberg'", "Flink 2 no longer");

        JarAnalysis onFlink2 = analysis(iceberg, FLINK_2);
        assertThat(onFlink2.loadedFactories()).noneMatch(f -> f.families().contains("catalog"));
        assertThat(finding(onFlink2, "LEGACY_TABLE_FACTORY").message()).contains("Flink 2.2 no longer reads");
    }

    @Test
    void bundledFlinkClassesAreShadowedAndOnlyWarnedAbout() {
        JarAnalysis analysis = analysis(broken("bundles-flink-runtime"), FLINK_1);

        assertThat(analysis.accepted()).isTrue();
        Finding bundled = finding(analysis, "RUNTIME_CLASSES_BUNDLED");
        assertThat(bundled.severity()).isEqualTo(Severity.WARNING);
        assertThat(bundled.message()).contains("parent first", "shadowed", "provided");
    }

    @Test
    void everyRefusingCodeIsAnErrorAndOnlyThePairScopedErrorDoesNotRefuse() {
        for (FindingCode code : FindingCode.values()) {
            Finding finding = new Finding(code.name(), code.severity(), "m", null, List.of());
            assertThat(FindingCode.refuses(finding)).as(code.name())
                    .isEqualTo(code.severity() == Severity.ERROR && code != FindingCode.DUPLICATE_IDENTIFIER);
        }
    }
}
