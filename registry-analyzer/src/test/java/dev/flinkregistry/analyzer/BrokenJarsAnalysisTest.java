package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factory;
import static dev.flinkregistry.analyzer.Reports.factoryClass;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analysis;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analyzer;
import static dev.flinkregistry.testsupport.TestJars.broken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad JARs get a clear answer (DESIGN rules 2 and 3), checked for Flink 1.20 unless said otherwise.
 *
 * <p>Bad inputs tried: a JAR without a services file; a services file naming a missing class; a
 * factory left out of the services file; a static initialiser that throws; {@code System.exit(42)}
 * in a static initialiser; {@code factoryIdentifier()} that never returns and ignores interrupts;
 * a static initialiser that allocates until the heap is gone; a JAR bundling flink-connector-base;
 * two factories with one identifier; class files claiming Java 25; unrelocated commons-csv; an
 * HTML error page saved as a JAR; a JAR cut in half; a 2 GiB zip bomb; entries named
 * {@code ../../evil.sh} and {@code /etc/cron.d/evil}. JARs built in the tests are in
 * {@link CraftedJarsAnalysisTest}.
 */
class BrokenJarsAnalysisTest {

    private static final String BROKEN = "dev.flinkregistry.samples.broken.";

    static Stream<Arguments> brokenJars() {
        return Stream.of(
                arguments("no-services", false, List.of("NO_FACTORY_SERVICES", "FACTORY_NOT_DECLARED")),
                arguments("missing-class", false, List.of("FACTORY_CLASS_MISSING", "NO_LOADABLE_FACTORY")),
                arguments("undeclared-factory", true, List.of("FACTORY_NOT_DECLARED")),
                arguments("static-init-throws", false, List.of("FACTORY_STATIC_INIT_FAILED", "NO_LOADABLE_FACTORY")),
                arguments("system-exit", false, List.of("WORKER_EXITED", "NO_LOADABLE_FACTORY")),
                arguments("unbounded-allocation", false, List.of("WORKER_OUT_OF_MEMORY", "NO_LOADABLE_FACTORY")),
                // Flink loads org.apache.flink.* parent first: the bundled copies are shadowed, a warning.
                arguments("bundles-flink-runtime", true, List.of("RUNTIME_CLASSES_BUNDLED")),
                // Its only factories are the clashing pair, which Flink cannot use: nothing is left.
                arguments("duplicate-identifier", false, List.of("DUPLICATE_IDENTIFIER", "NO_LOADABLE_FACTORY")),
                arguments("newer-java", false,
                        List.of("CLASS_VERSION_TOO_NEW", "FACTORY_CLASS_VERSION_TOO_NEW", "NO_LOADABLE_FACTORY")),
                arguments("unrelocated-library", true, List.of("UNRELOCATED_LIBRARY")),
                arguments("not-a-zip", false, List.of("ARCHIVE_NOT_ZIP")),
                arguments("truncated", false, List.of("ARCHIVE_TRUNCATED")),
                arguments("zip-bomb", false, List.of("ARCHIVE_TOO_LARGE_INFLATED", "ARCHIVE_COMPRESSION_RATIO")),
                arguments("path-traversal", false, List.of("ARCHIVE_UNSAFE_ENTRY_NAME")));
        // never-returns takes the whole worker timeout, so only its own test analyses it.
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void reportsExactlyTheExpectedFindings(String name, boolean accepted, List<String> expectedCodes) {
        JarAnalysis analysis = analysis(broken(name), FLINK_1);

        assertThat(codes(analysis)).containsExactlyInAnyOrderElementsOf(expectedCodes);
        assertThat(analysis.accepted()).isEqualTo(accepted);
        assertConsistent(analysis);
    }

    @Test
    void rejectsJarWithoutFactoryServiceFileButNamesTheFactoryItForgot() {
        JarAnalysis analysis = analysis(broken("no-services"), FLINK_1);

        assertThat(finding(analysis, "NO_FACTORY_SERVICES").message())
                .contains("META-INF/services/org.apache.flink.table.factories.Factory");
        Finding undeclared = finding(analysis, "FACTORY_NOT_DECLARED");
        assertThat(undeclared.severity()).isEqualTo(Severity.WARNING);
        assertThat(undeclared.message()).contains("'no-services-source'");
        assertThat(undeclared.subject()).isEqualTo(BROKEN + "noservices.NoServicesFactory");
        assertThat(analysis.loadedFactories()).isEmpty();
    }

    @Test
    void rejectsServicesFileNamingAMissingClass() {
        JarAnalysis analysis = analysis(broken("missing-class"), FLINK_1);

        Finding missing = finding(analysis, "FACTORY_CLASS_MISSING");
        assertThat(missing.subject()).isEqualTo(BROKEN + "missing.GoneFactory");
        assertThat(missing.message()).contains("neither in the JAR nor in Flink");
        assertThat(finding(analysis, "NO_LOADABLE_FACTORY").message()).contains("Flink 1.20");
    }

    @Test
    void acceptsJarWithAnUndeclaredFactoryAndWarnsAboutThatOneOnly() {
        JarAnalysis analysis = analysis(broken("undeclared-factory"), FLINK_1);

        Finding undeclared = finding(analysis, "FACTORY_NOT_DECLARED");
        assertThat(undeclared.severity()).isEqualTo(Severity.WARNING);
        assertThat(undeclared.message()).contains("'undeclared'").doesNotContain("declared-ok");
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("declared-ok");
        FactoryReport hidden = factory(analysis, "undeclared");
        assertThat(hidden.declared()).isFalse();
        assertThat(hidden.capabilities()).containsExactly("source", "lookup");
    }

    @Test
    void explainsAStaticInitialiserThatThrows() {
        JarAnalysis analysis = analysis(broken("static-init-throws"), FLINK_1);

        Finding failed = finding(analysis, "FACTORY_STATIC_INIT_FAILED");
        assertThat(failed.message()).contains("connection pool could not be created", "IllegalStateException");
        assertThat(failed.details()).anySatisfy(frame -> assertThat(frame).contains("StaticInitThrowsFactory"));
        assertThat(factoryClass(analysis, BROKEN + "staticinit.StaticInitThrowsFactory").failure().exception())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void survivesAFactoryThatExitsTheJvm() {
        JarAnalysis analysis = analysis(broken("system-exit"), FLINK_1);

        Finding exited = finding(analysis, "WORKER_EXITED");
        assertThat(exited.message()).contains("exit status 42");
        assertThat(exited.subject()).isEqualTo(BROKEN + "systemexit.SystemExitFactory");
    }

    @Test
    void stopsAndKillsAFactoryThatNeverReturns() throws Exception {
        Path jar = broken("never-returns");
        assertThat(ProcessHandle.current().info().commandLine())
                .as("process command lines must be readable, or the check for survivors below proves nothing")
                .isPresent();
        long started = System.nanoTime();

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_TIMEOUT", "NO_LOADABLE_FACTORY");
        assertThat(finding(analysis, "WORKER_TIMEOUT").message()).contains("did not finish within 5 s");
        assertThat(finding(analysis, "WORKER_TIMEOUT").subject()).isEqualTo(BROKEN + "neverreturns.NeverReturnsFactory");
        assertThat(analysis.accepted()).isFalse();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(5)).isLessThan(Duration.ofSeconds(20));
        String jarPath = jar.toAbsolutePath().toString();
        assertThat(ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(jarPath)
                        || Arrays.asList(process.info().arguments().orElse(new String[0])).contains(jarPath))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?")))
                .as("worker processes left running")
                .isEmpty();
    }

    @Test
    void reportsAFactoryThatExhaustsMemory() {
        Finding outOfMemory = finding(analysis(broken("unbounded-allocation"), FLINK_1), "WORKER_OUT_OF_MEMORY");

        assertThat(outOfMemory.message()).contains("memory limit", "256 MiB heap");
        assertThat(outOfMemory.subject()).isEqualTo(BROKEN + "unbounded.UnboundedAllocationFactory");
    }

    @Test
    void listsTheBundledFlinkPackagesWithTheirClassCounts() {
        JarAnalysis analysis = analysis(broken("bundles-flink-runtime"), FLINK_1);

        Finding bundled = finding(analysis, "RUNTIME_CLASSES_BUNDLED");
        Pattern line = Pattern.compile("(org\\.apache\\.flink\\.connector\\.base(?:\\.\\w+)*) \\((\\d+) classes\\)");
        assertThat(bundled.details()).isNotEmpty().allMatch(detail -> line.matcher(detail).matches());
        int total = bundled.details().stream().mapToInt(detail -> {
            Matcher matcher = line.matcher(detail);
            return matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
        }).sum();
        assertThat(bundled.message()).contains("Bundles " + total + " classes", "provided");
        assertThat(bundled.details()).isSortedAccordingTo(
                Comparator.comparingInt((String detail) -> -count(line, detail)));
        assertThat(factory(analysis, "fat-source").loaded()).isTrue();
    }

    @Test
    void rejectsTwoFactoriesWithOneIdentifierNamingBoth() {
        Finding duplicate = finding(analysis(broken("duplicate-identifier"), FLINK_1), "DUPLICATE_IDENTIFIER");

        assertThat(duplicate.subject()).isEqualTo("twin");
        assertThat(duplicate.message()).contains("'twin'", "Multiple factories");
        assertThat(duplicate.details()).containsExactlyInAnyOrder(
                BROKEN + "duplicate.TwinOneFactory", BROKEN + "duplicate.TwinTwoFactory");
    }

    @Test
    void rejectsClassFilesForANewerJavaThanFlinkRuns() {
        JarAnalysis analysis = analysis(broken("newer-java"), FLINK_1);

        Finding tooNew = finding(analysis, "CLASS_VERSION_TOO_NEW");
        assertThat(tooNew.message()).contains("Java 25", "Java 17");
        assertThat(tooNew.details()).contains(BROKEN + "newerjava.FutureSourceFactory (Java 25)");
        assertThat(finding(analysis, "FACTORY_CLASS_VERSION_TOO_NEW").subject())
                .isEqualTo(BROKEN + "newerjava.FutureSourceFactory");
        assertThat(analysis.jar().newestJavaRelease()).isEqualTo(25);
    }

    @Test
    void comparesClassFilesWithTheJavaOfFlink2() {
        JarAnalysis analysis = analysis(broken("newer-java"), FLINK_2);

        assertThat(codes(analysis)).containsExactlyInAnyOrder(
                "CLASS_VERSION_TOO_NEW", "FACTORY_CLASS_VERSION_TOO_NEW", "NO_LOADABLE_FACTORY");
        assertThat(finding(analysis, "CLASS_VERSION_TOO_NEW").message()).contains("Java 25", "Java 21");
    }

    @Test
    void acceptsUnrelocatedLibraryWithAWarningNamingIt() {
        Finding unrelocated = finding(analysis(broken("unrelocated-library"), FLINK_1), "UNRELOCATED_LIBRARY");

        assertThat(unrelocated.severity()).isEqualTo(Severity.WARNING);
        assertThat(unrelocated.subject()).isEqualTo("Apache Commons");
        assertThat(unrelocated.message()).contains("Apache Commons", "Relocate");
        assertThat(unrelocated.details()).singleElement().asString().startsWith("org.apache.commons.csv (");
    }

    @Test
    void recognisesAnHtmlPageSavedAsAJar() {
        JarAnalysis analysis = analysis(broken("not-a-zip"), FLINK_1);

        assertThat(finding(analysis, "ARCHIVE_NOT_ZIP").message()).contains("not a JAR", "HTML");
        assertThat(analysis.factories()).isEmpty();
        assertThat(analysis.jar().entries()).isZero();
        assertThat(analysis.jar().sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void recognisesAJarThatWasCutShort() {
        JarAnalysis analysis = analysis(broken("truncated"), FLINK_1);

        assertThat(finding(analysis, "ARCHIVE_TRUNCATED").message()).contains("cut short");
        assertThat(analysis.factories()).isEmpty();
    }

    @Test
    void refusesAZipBombQuicklyWithoutInflatingIt() {
        JarAnalysis analysis = analysis(broken("zip-bomb"), FLINK_1);

        assertThat(finding(analysis, "ARCHIVE_COMPRESSION_RATIO").details())
                .singleElement().asString().startsWith("data.bin (");
        assertThat(finding(analysis, "ARCHIVE_TOO_LARGE_INFLATED").message()).contains("1073741824");
        assertThat(analysis.jar().inflatedBytes()).isGreaterThan(1L << 31);
        assertThat(analysis.factories()).as("no worker ran").isEmpty();
        assertThat(analysis.durationMillis()).as("inflating 2 GiB takes seconds; reading the directory does not")
                .isLessThan(3_000);
    }

    @Test
    void refusesEntryNamesThatEscapeTheExtractionDirectory() {
        Finding unsafe = finding(analysis(broken("path-traversal"), FLINK_1), "ARCHIVE_UNSAFE_ENTRY_NAME");

        assertThat(unsafe.details()).containsExactlyInAnyOrder("../../evil.sh", "/etc/cron.d/evil");
        assertThat(unsafe.message()).contains("../../evil.sh");
    }

    private static int count(Pattern line, String detail) {
        Matcher matcher = line.matcher(detail);
        return matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
    }

    /** What holds for every analysis: severities per code, errors first, and the verdict's rule. */
    static void assertConsistent(JarAnalysis analysis) {
        assertThat(analysis.findings()).allSatisfy(finding ->
                assertThat(finding.severity()).as(finding.code()).isEqualTo(FindingCode.valueOf(finding.code()).severity()));
        assertThat(analysis.findings()).extracting(Finding::severity).isSorted();
        assertThat(analysis.accepted()).isEqualTo(analysis.errors().isEmpty() && !analysis.loadedFactories().isEmpty());
    }
}
