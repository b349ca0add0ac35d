package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.BrokenJarsAnalysisTest.assertConsistent;
import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factory;
import static dev.flinkregistry.analyzer.Reports.factoryClass;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.TestJarBuilder.jar;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analyzer;
import static dev.flinkregistry.testsupport.TestJars.broken;
import static dev.flinkregistry.testsupport.TestJars.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad JARs built inside the tests from the classes of the sample and broken JARs, for what the
 * prepared broken JARs do not cover; analysed for Flink 1.20 unless said otherwise.
 *
 * <p>Bad inputs tried: a factory that exits the JVM declared before a valid one; a class that is
 * not a factory, an abstract factory and a throwing one declared next to a valid one; a central
 * directory that understates how far a class file inflates; directory limits on entries and
 * inflated bytes; a services file with only comments; a legacy TableFactory services file; an
 * empty file; class files for Java 21 on Flink 1.20 and 2.2; three distinct factories that never
 * return.
 */
class CraftedJarsAnalysisTest {

    private static final String BROKEN = "dev.flinkregistry.samples.broken.";

    @Test
    void recognisesAnEmptyFileAsNotAJar(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jar"));

        JarAnalysis analysis = analyzer().analyze(empty, FLINK_1);

        assertThat(codes(analysis)).containsExactly("ARCHIVE_NOT_ZIP");
        assertThat(analysis.jar().sizeBytes()).isZero();
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void aFactoryThatExitsTheJvmDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path jar = jar()
                .services(BROKEN + "systemexit.SystemExitFactory", BROKEN + "undeclared.DeclaredOkFactory")
                .entriesFrom(broken("system-exit"), name -> name.endsWith(".class"))
                .classesFrom(broken("undeclared-factory"), BROKEN + "undeclared.DeclaredOkFactory")
                .writeTo(dir.resolve("exit-and-ok.jar"));

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("declared-ok");
        assertThat(factoryClass(analysis, BROKEN + "systemexit.SystemExitFactory").failure().code())
                .isEqualTo("WORKER_EXITED");
        assertThat(codes(analysis)).containsExactly("WORKER_EXITED");
        assertThat(analysis.accepted()).as("an error refuses the JAR even though one factory loads").isFalse();
        assertConsistent(analysis);
    }

    @Test
    void factoriesThatFailInsideTheWorkerDoNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path jar = jar()
                .services(BROKEN + "common.EchoLookupFunction", BROKEN + "common.EchoSourceFactory",
                        BROKEN + "staticinit.StaticInitThrowsFactory", BROKEN + "undeclared.DeclaredOkFactory")
                .entriesFrom(broken("static-init-throws"), name -> name.endsWith(".class"))
                .classesFrom(broken("undeclared-factory"), BROKEN + "undeclared.DeclaredOkFactory")
                .writeTo(dir.resolve("failing-and-ok.jar"));

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        assertThat(codes(analysis)).containsExactlyInAnyOrder(
                "FACTORY_NOT_A_FACTORY", "FACTORY_NOT_INSTANTIABLE", "FACTORY_STATIC_INIT_FAILED");
        assertThat(finding(analysis, "FACTORY_NOT_A_FACTORY").subject()).isEqualTo(BROKEN + "common.EchoLookupFunction");
        assertThat(finding(analysis, "FACTORY_NOT_INSTANTIABLE").subject()).isEqualTo(BROKEN + "common.EchoSourceFactory");
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).containsExactly("declared-ok");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesEntriesThatInflateBeyondWhatTheDirectoryDeclares(@TempDir Path dir) throws Exception {
        String padding = "dev/flinkregistry/samples/sequence/Padding";
        Path jar = jar()
                .entriesFrom(sample("sample-sequence-source"), name -> !name.equals("META-INF/MANIFEST.MF"))
                .entry(padding + ".class", TestJarBuilder.classWithLargeConstantPool(padding, 4 << 20))
                .declaringSize(padding + ".class", 100)
                .writeTo(dir.resolve("lying-size.jar"));
        JarAnalyzer limited = SharedAnalyzer.analyzer(settings -> settings.withMaxInflatedBytes(1 << 20));

        JarAnalysis analysis = limited.analyze(jar, FLINK_1);

        assertThat(analysis.jar().inflatedBytes()).as("what the directory claims").isLessThan(1 << 20);
        assertThat(codes(analysis)).containsExactly("ARCHIVE_TOO_LARGE_INFLATED");
        assertThat(finding(analysis, "ARCHIVE_TOO_LARGE_INFLATED").message()).contains("more than their directory declares");
        assertThat(analysis.factories()).isEmpty();
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesAnArchiveWhoseDirectoryDeclaresTooManyInflatedBytes() throws Exception {
        JarAnalysis analysis = SharedAnalyzer.analyzer(settings -> settings.withMaxInflatedBytes(10_000))
                .analyze(sample("sample-sequence-source"), FLINK_1);

        assertThat(codes(analysis)).containsExactly("ARCHIVE_TOO_LARGE_INFLATED");
        assertThat(finding(analysis, "ARCHIVE_TOO_LARGE_INFLATED").message()).contains("at most 10000");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void refusesAnArchiveWithTooManyEntries() throws Exception {
        JarAnalysis analysis = SharedAnalyzer.analyzer(settings -> settings.withMaxEntries(5))
                .analyze(sample("sample-sequence-source"), FLINK_1);

        assertThat(codes(analysis)).containsExactly("ARCHIVE_TOO_MANY_ENTRIES");
        assertThat(finding(analysis, "ARCHIVE_TOO_MANY_ENTRIES").message())
                .contains(analysis.jar().entries() + " entries", "at most 5");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void treatsAServicesFileWithOnlyCommentsAsNoServices(@TempDir Path dir) throws Exception {
        Path jar = jar().entry(TestJarBuilder.SERVICES, "# nothing here yet\n\n   # " + BROKEN + "Gone\n")
                .writeTo(dir.resolve("comments-only.jar"));

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        assertThat(codes(analysis)).containsExactly("NO_FACTORY_SERVICES");
        assertThat(analysis.factories()).isEmpty();
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void warnsAboutALegacyTableFactoryServicesFile(@TempDir Path dir) throws Exception {
        Path jar = jar()
                .entriesFrom(sample("sample-psv-format"), name -> !name.equals("META-INF/MANIFEST.MF"))
                .entry("META-INF/services/org.apache.flink.table.factories.TableFactory", "com.example.OldFactory\n")
                .writeTo(dir.resolve("legacy.jar"));

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        assertThat(codes(analysis)).containsExactly("LEGACY_TABLE_FACTORY");
        assertThat(finding(analysis, "LEGACY_TABLE_FACTORY").severity()).isEqualTo(Severity.WARNING);
        assertThat(analysis.accepted()).isTrue();
    }

    @Test
    void refusesClassFilesForJava21OnFlink120(@TempDir Path dir) throws Exception {
        Path jar = sequenceSourceCompiledForJava21(dir);

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        assertThat(analysis.jar().newestJavaRelease()).isEqualTo(21);
        assertThat(codes(analysis)).contains("CLASS_VERSION_TOO_NEW");
        assertThat(finding(analysis, "CLASS_VERSION_TOO_NEW").message()).contains("Java 21", "Java 17");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void acceptsClassFilesForTheJavaThatFlink22RunsOn(@TempDir Path dir) throws Exception {
        Path jar = sequenceSourceCompiledForJava21(dir);

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_2);

        assertThat(codes(analysis)).doesNotContain("CLASS_VERSION_TOO_NEW", "FACTORY_CLASS_VERSION_TOO_NEW");
        assertThat(factory(analysis, "sequence").capabilities()).containsExactly("source", "lookup");
        assertThat(analysis.accepted()).isTrue();
    }

    @Test
    void boundsTheWholeAnalysisByTheTimeLimitHoweverManyFactoriesHang(@TempDir Path dir) throws Exception {
        String hanging = "dev/flinkregistry/samples/broken/neverreturns/NeverReturnsFactory";
        byte[] original = TestJarBuilder.entryOf(broken("never-returns"), hanging + ".class");
        TestJarBuilder builder = jar()
                .entriesFrom(broken("never-returns"), name -> name.endsWith(".class") && !name.startsWith(hanging));
        List<String> factories = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String renamed = hanging.substring(0, hanging.length() - 1) + i;
            builder.entry(renamed + ".class", TestJarBuilder.renamedClass(original, hanging, renamed));
            factories.add(renamed.replace('/', '.'));
        }
        Path jar = builder.services(factories.toArray(String[]::new)).writeTo(dir.resolve("three-hangs.jar"));
        long started = System.nanoTime();

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(analysis.loadedFactories()).isEmpty();
        assertThat(analysis.accepted()).isFalse();
        assertThat(took).isLessThan(SharedAnalyzer.settings().workerTimeout().multipliedBy(2));
    }

    private static Path sequenceSourceCompiledForJava21(Path dir) throws Exception {
        return jar()
                .entriesFrom(sample("sample-sequence-source"), name -> !name.equals("META-INF/MANIFEST.MF"))
                .classFileVersion(65)
                .writeTo(dir.resolve("sequence-java21.jar"));
    }
}
