package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analysis;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analyzer;
import static dev.flinkregistry.testsupport.TestJars.broken;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thin connector's factory that needs a class of another JAR (a driver) loads in the sandboxed
 * worker when that JAR is attached as a dependency, and only then; a dependency itself is checked
 * only for archive safety (no code of it runs, it needs no factory).
 */
class DependencyJarsAnalysisTest {

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void aFactoryThatNeedsADriverLoadsWhenTheDriverIsAttached(String flink) throws IOException {
        JarAnalysis alone = analysis(broken("needs-driver"), flink);
        JarAnalysis withDriver = analyzer().analyze(broken("needs-driver"), flink, null,
                List.of(broken("echo-driver")));

        assertThat(alone.accepted()).isFalse();
        assertThat(alone.factories()).singleElement().satisfies(f -> {
            assertThat(f.loaded()).isFalse();
            assertThat(f.failure().message()).contains("dev.flinkregistry.samples.broken.echodriver.EchoDriver");
        });
        assertThat(withDriver.accepted()).as(String.valueOf(withDriver.findings())).isTrue();
        assertThat(withDriver.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("driver-backed");
        // The driver's classes are not reported as the connector's.
        assertThat(withDriver.jar().classes()).isEqualTo(alone.jar().classes());
    }

    @Test
    void aDriverJarIsASafeArchiveWithoutFactories() throws IOException {
        DependencyCheck driver = analyzer().checkDependency(broken("echo-driver"));

        assertThat(driver.safe()).isTrue();
        assertThat(driver.declaredFactories()).isEmpty();
        assertThat(driver.entries()).isPositive();
        assertThat(driver.classNames()).containsExactly("dev.flinkregistry.samples.broken.echodriver.EchoDriver");
    }

    @Test
    void unsafeArchivesAreRefusedAsDependencies() throws IOException {
        assertThat(analyzer().checkDependency(broken("not-a-zip")).findings())
                .extracting(Finding::code).containsExactly("ARCHIVE_NOT_ZIP");
        assertThat(analyzer().checkDependency(broken("zip-bomb")).findings())
                .extracting(Finding::code).contains("ARCHIVE_COMPRESSION_RATIO");
        assertThat(analyzer().checkDependency(broken("path-traversal")).findings())
                .extracting(Finding::code).contains("ARCHIVE_UNSAFE_ENTRY_NAME");
        assertThat(analyzer().checkDependency(broken("needs-driver")).declaredFactories())
                .containsExactly("dev.flinkregistry.samples.broken.needsdriver.DriverBackedFactory");
    }
}
