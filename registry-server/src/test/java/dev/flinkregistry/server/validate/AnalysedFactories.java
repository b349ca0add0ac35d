package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The factories the validator is tested against, from real analyses made once per test JVM: the
 * JARs this module's build copies to {@code test.jars.dir} (sequence source, row-file sink, psv
 * format, seeded memory catalog, Kafka 3.2, JDBC 3.3) and the built-in factories of Flink 1.20 (datagen, filesystem,
 * json, csv, …).
 */
final class AnalysedFactories {

    static final String FLINK = "1.20";
    private static final List<String> JARS = List.of("sample-sequence-source.jar", "sample-row-file-sink.jar",
            "sample-psv-format.jar", "sample-memory-catalog.jar", "flink-sql-connector-kafka.jar",
            "flink-connector-jdbc.jar");

    private AnalysedFactories() {}

    /** Finds any analysed factory, registered JARs first, as a registry workspace on Flink 1.20 would. */
    static FactoryLookup lookup() {
        return Shared.LOOKUP;
    }

    /** Every analysed factory. */
    static List<FactoryReport> factories() {
        return Shared.FACTORIES;
    }

    private static Path jarsDirectory() {
        String property = System.getProperty("test.jars.dir");
        if (property == null || property.isBlank()) {
            throw new AssertionError("System property test.jars.dir is not set: run the tests with Maven, "
                    + "whose generate-test-resources phase copies the test JARs and sets it.");
        }
        return Path.of(property).toAbsolutePath();
    }

    private static List<FactoryReport> analyse() {
        Path directory = jarsDirectory();
        AnalyzerSettings settings = AnalyzerSettings.defaults()
                .withWorkDirectory(directory.getParent().resolve("validate-analyzer-work"));
        JarAnalyzer analyzer = new JarAnalyzer(settings);
        List<FactoryReport> factories = new ArrayList<>();
        JARS.parallelStream().map(name -> analyse(analyzer, directory.resolve(name)))
                .forEachOrdered(analysis -> factories.addAll(analysis.loadedFactories()));
        factories.addAll(analyzer.runtimes().get(FLINK).builtinFactories());
        return List.copyOf(factories);
    }

    private static JarAnalysis analyse(JarAnalyzer analyzer, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("Test JAR " + jar + " is missing: build the project (mvn -B install "
                    + "-DskipTests in /work/main) and run the tests with Maven.");
        }
        try {
            return analyzer.analyze(jar, FLINK);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not analyse " + jar, e);
        }
    }

    /** Holder idiom: analysed on first use, once, thread-safely. */
    private static final class Shared {
        static final List<FactoryReport> FACTORIES = analyse();
        static final FactoryLookup LOOKUP = FactoryLookup.of(FACTORIES);

        static {
            // Fail early and clearly if an analysis lost a factory the tests rely on.
            Stream.of("kafka", "jdbc", "sequence", "row-file", "psv", "json", "datagen", "filesystem")
                    .filter(id -> FACTORIES.stream().noneMatch(f -> id.equals(f.identifier())))
                    .findFirst()
                    .ifPresent(id -> {
                        throw new AssertionError("No analysed factory has the identifier " + id);
                    });
        }
    }
}
