package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factoryClass;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.TestJarBuilder.jar;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.testsupport.TestJars.broken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A JAR's code can write any report the worker sends, even past the private channel (it runs in
 * the worker's JVM and can find the nonce): what it claims is checked against the static scan, so
 * it can only lie about its own factories (DESIGN rule 3). These tests stand in a launcher that
 * returns the forged report, so that each lie is tried as it arrives.
 */
class ForgedReportsTest {

    private static final String BROKEN = "dev.flinkregistry.samples.broken.";
    private static final String OK = BROKEN + "undeclared.DeclaredOkFactory";
    private static final String NOT_A_FACTORY = BROKEN + "common.EchoLookupFunction";
    private static final String SOURCE = "[\"DynamicTableSourceFactory\"]";

    @Test
    void refusesAReportAboutAClassTheAnalysisDidNotAskAbout(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of(
                factory("com.example.Outsider", "outsider", SOURCE), factory(OK, "declared-ok", SOURCE)));

        assertThat(codes(analysis)).containsExactly("WORKER_REPORT_REJECTED");
        assertThat(finding(analysis, "WORKER_REPORT_REJECTED").subject()).isEqualTo("com.example.Outsider");
        assertThat(analysis.factories()).extracting(FactoryReport::className).containsExactly(OK);
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesASecondReportAboutOneClass(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of(
                factory(OK, "declared-ok", SOURCE), factory(OK, "print", SOURCE)));

        assertThat(codes(analysis)).containsExactly("WORKER_REPORT_REJECTED");
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("declared-ok");
    }

    @Test
    void failsADeclaredFactoryAReportThatEndedEarlyLeftOut(@TempDir Path dir) throws Exception {
        Path jar = jar().services(OK, NOT_A_FACTORY).classesFrom(broken("undeclared-factory"), OK)
                .entriesFrom(broken("undeclared-factory"), name -> name.contains("/common/"))
                .writeTo(dir.resolve("two.jar"));

        JarAnalysis analysis = analyse(jar, task -> List.of(factory(OK, "declared-ok", SOURCE)));

        assertThat(factoryClass(analysis, NOT_A_FACTORY).failure().code()).isEqualTo("WORKER_REPORT_REJECTED");
        assertThat(factoryClass(analysis, NOT_A_FACTORY).failure().message()).contains("was not reported");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesAFactoryForADeclaredClassThatIsNotInTheJar(@TempDir Path dir) throws Exception {
        Path jar = jar().services("com.example.Gone", OK).classesFrom(broken("undeclared-factory"), OK)
                .entriesFrom(broken("undeclared-factory"), name -> name.contains("/common/"))
                .writeTo(dir.resolve("gone.jar"));

        JarAnalysis analysis = analyse(jar, task -> List.of(
                factory("com.example.Gone", "gone", SOURCE), factory(OK, "declared-ok", SOURCE)));

        FactoryReport gone = factoryClass(analysis, "com.example.Gone");
        assertThat(gone.loaded()).isFalse();
        assertThat(gone.failure().code()).isEqualTo("WORKER_REPORT_REJECTED");
        assertThat(gone.failure().message()).contains("'gone'", "not in the JAR");
    }

    @Test
    void refusesAFactoryForAClassWhoseHierarchyIsNoFactory(@TempDir Path dir) throws Exception {
        Path jar = jar().services(NOT_A_FACTORY)
                .entriesFrom(broken("undeclared-factory"), name -> name.contains("/common/"))
                .writeTo(dir.resolve("not-a-factory.jar"));

        JarAnalysis analysis = analyse(jar, task -> List.of(factory(NOT_A_FACTORY, "lookup", SOURCE)));

        assertThat(factoryClass(analysis, NOT_A_FACTORY).failure().message()).contains("does not implement");
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_REPORT_REJECTED", "NO_LOADABLE_FACTORY");
    }

    @Test
    void refusesABuiltInIdentifierClaimedWithoutTheInterfaceThatWouldClash(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of(factory(OK, "datagen", "[]")));

        assertThat(factoryClass(analysis, OK).failure().message())
                .contains("'datagen'", "DynamicTableSourceFactory", "claims none of them");
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_REPORT_REJECTED", "NO_LOADABLE_FACTORY");
    }

    @Test
    void refusesAFamilyNoFlinkFactoryHas(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of(factory(OK, "ok", SOURCE)
                .replace("[\"table-connector\"]", "[\"table-connector\",\"superuser\"]")));

        assertThat(factoryClass(analysis, OK).failure().message()).contains("families no Flink factory has: superuser");
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_REPORT_REJECTED", "NO_LOADABLE_FACTORY");
    }

    @Test
    void stillCatchesABuiltInIdentifierClaimedWithItsInterface(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of(factory(OK, "datagen", SOURCE)));

        assertThat(codes(analysis)).containsExactly("BUILTIN_IDENTIFIER");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void describesADeclaredFlinkFactoryByItsOwnIndexNotByTheReport(@TempDir Path dir) throws Exception {
        FactoryReport builtin = SharedAnalyzer.analyzer().runtimes().get(FLINK_1).builtinFactories().stream()
                .filter(f -> f.identifier().equals("datagen")).findFirst().orElseThrow();
        Path jar = jar().services(builtin.className()).writeTo(dir.resolve("declares-datagen.jar"));

        JarAnalysis analysis = analyse(jar, task -> List.of(factory(builtin.className(), "innocent", "[]")));

        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("datagen");
        assertThat(codes(analysis)).containsExactly("BUILTIN_IDENTIFIER");
    }

    @Test
    void givesAFailureNoCodeButAFactoryFailureCode(@TempDir Path dir) throws Exception {
        JarAnalysis analysis = analyse(okJar(dir), task -> List.of("{\"event\":\"failure\",\"class\":\"" + OK
                + "\",\"code\":\"LEGACY_TABLE_FACTORY\",\"message\":\"only a warning\"}"));

        assertThat(factoryClass(analysis, OK).failure().code()).isEqualTo("FACTORY_METHOD_FAILED");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesToAnalyseWhenTheLauncherCannotIsolate(@TempDir Path dir) {
        IsolationStatus missing = new IsolationStatus(false, Isolation.AUTO, "install bubblewrap");
        JarAnalyzer analyzer = new JarAnalyzer(SharedAnalyzer.settings(), SharedAnalyzer.analyzer().runtimes(),
                new FakeLauncher(missing, task -> List.of()));

        assertThat(analyzer.isolation()).isEqualTo(missing);
        assertThatThrownBy(() -> analyzer.analyze(okJar(dir), FLINK_1))
                .isInstanceOfSatisfying(SandboxUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("install bubblewrap"));
    }

    /** One declared factory and the shared classes it extends; no undeclared one, so the worker runs once. */
    private static Path okJar(Path dir) throws Exception {
        return jar().services(OK).classesFrom(broken("undeclared-factory"), OK)
                .entriesFrom(broken("undeclared-factory"), name -> name.contains("/common/"))
                .writeTo(dir.resolve("ok.jar"));
    }

    private static JarAnalysis analyse(Path jar, Function<WorkerTask, List<String>> events) throws Exception {
        IsolationStatus isolated = new IsolationStatus(true, Isolation.UNSHARE, "a test's launcher");
        return new JarAnalyzer(SharedAnalyzer.settings(), SharedAnalyzer.analyzer().runtimes(), new FakeLauncher(isolated, events))
                .analyze(jar, FLINK_1);
    }

    private static String factory(String className, String identifier, String discovery) {
        return "{\"event\":\"factory\",\"class\":\"" + className + "\",\"identifier\":\"" + identifier
                + "\",\"families\":[\"table-connector\"],\"capabilities\":[\"source\"],\"discovery\":" + discovery
                + ",\"options\":[]}";
    }

    /** A launcher that returns the given events as a completed worker's, for the classes it is asked about. */
    private record FakeLauncher(IsolationStatus isolation, Function<WorkerTask, List<String>> events)
            implements WorkerLauncher {

        @Override
        public WorkerRun run(WorkerTask task, Duration timeout) {
            List<JsonNode> results = new ArrayList<>();
            events.apply(task).forEach(event -> results.add(WorkerEvents.MAPPER.readTree(event)));
            return new WorkerRun(WorkerRun.Outcome.COMPLETED, results, null, 0, "", -1, 0);
        }
    }
}
