package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyzer's verdict against Flink's own (DESIGN rule 2), for every real connector and format
 * JAR of Maven Central in the test corpus ({@code target/test-jars/central}: lakehouse, Hive, search,
 * streaming, messaging, document, wide-column, JDBC, CDC and the common formats), on Flink 1.20 and
 * Flink 2.2: {@link FlinkDiscovery} asks Flink's {@code FactoryUtil} what a job could use from the JAR.
 * The (interface, identifier) pairs the analyzer offers, its accept/refuse verdict and, per pair,
 * the required and declared option keys must be Flink's. The result table is printed and written
 * to {@code target/differential-corpus.md}, with the time each side took and the total.
 *
 * <p>One difference is the registry's own rule, not Flink's, and is checked as such: a JAR whose
 * identifier the distribution already has is refused (DESIGN rule 1, {@code BUILTIN_IDENTIFIER});
 * Flink would use its own copy. On Flink 1.x, catalogs and modules declared only through the legacy
 * {@code TableFactory} services file count too, as Flink's {@code TableFactoryService} finds them
 * (their legacy properties are not compared as options).
 */
class FlinkDiscoveryDifferentialTest {

    private static final Map<String, String> ROWS = new ConcurrentSkipListMap<>();
    private static final long[] NANOS = new long[2];

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> jars = Files.list(TestJars.directory().resolve("central"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                for (String line : List.of(FLINK_1, FLINK_2)) {
                    cases.add(Arguments.of(jar.getFileName().toString(), line));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on Flink {1}")
    @MethodSource("corpus")
    void theAnalyzerOffersWhatFlinkWouldLoadAndRefusesWhatItWouldNot(String jarName, String line) {
        Path jar = TestJars.directory().resolve("central").resolve(jarName);
        FlinkRuntime runtime = SharedAnalyzer.analyzer().runtimes().get(line);
        long started = System.nanoTime();
        FlinkDiscovery.Result flink = FlinkDiscovery.discover(runtime, jar);
        long flinkNanos = System.nanoTime() - started;
        started = System.nanoTime();
        JarAnalysis analysis = SharedAnalyzer.analysis(jar, line);
        long analyzerNanos = System.nanoTime() - started;
        synchronized (NANOS) {
            NANOS[0] += flinkNanos;
            NANOS[1] += analyzerNanos;
        }

        Set<String> offered = offered(analysis);
        boolean builtinClash = Reports.codes(analysis).contains(FindingCode.BUILTIN_IDENTIFIER.name());
        record(jarName, line, flink, analysis, offered, flinkNanos, analyzerNanos);

        SoftAssertions softly = new SoftAssertions();
        if (builtinClash) {
            // DESIGN rule 1: the distribution's identifiers are reserved; Flink would use its own copy.
            softly.assertThat(analysis.accepted()).as("refused for a reserved identifier").isFalse();
        } else {
            softly.assertThat(analysis.accepted()).as("verdict; Flink: %s", flink).isEqualTo(flink.accepts());
            softly.assertThat(offered).as("offered pairs; findings: %s", analysis.findings())
                    .isEqualTo(flink.accepts() ? flink.usable() : Set.of());
        }
        if (analysis.accepted() && flink.accepts()) {
            for (String pair : flink.usable()) {
                FactoryReport factory = factory(analysis, pair);
                List<Set<String>> keys = flink.options().get(pair);
                if (keys == null) {
                    // A legacy TableFactory catalog or module of Flink 1.x: legacy properties, not options.
                    continue;
                }
                softly.assertThat(required(factory)).as("required options of %s", pair).isEqualTo(keys.get(0));
                softly.assertThat(all(factory)).as("options of %s", pair).isEqualTo(keys.get(1));
            }
        }
        softly.assertAll();
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        StringBuilder table = new StringBuilder("# Differential corpus: the analyzer against Flink's own discovery\n\n")
                .append("| JAR | Flink | Flink: usable pairs | analyzer: offered | Flink | analyzer | findings "
                        + "| Flink ms | analyzer ms |\n|---|---|---|---|---|---|---|---|---|\n");
        ROWS.values().forEach(table::append);
        table.append(String.format("%n%d cases; Flink's discovery %.1f s, the analyzer %.1f s in all.%n", ROWS.size(),
                NANOS[0] / 1e9, NANOS[1] / 1e9));
        System.out.println(table);
        Files.writeString(TestJars.directory().getParent().resolve("differential-corpus.md"), table);
    }

    /** The pairs the analyzer offers: none for a refused JAR, which is not registered. */
    private static Set<String> offered(JarAnalysis analysis) {
        Set<String> pairs = new TreeSet<>();
        if (analysis.accepted()) {
            for (FactoryReport factory : analysis.loadedFactories()) {
                factory.discovery().forEach(discovery -> pairs.add(discovery + " " + factory.identifier()));
            }
        }
        return pairs;
    }

    private static FactoryReport factory(JarAnalysis analysis, String pair) {
        String discovery = pair.substring(0, pair.indexOf(' '));
        String identifier = pair.substring(pair.indexOf(' ') + 1);
        return analysis.loadedFactories().stream()
                .filter(f -> f.identifier().equals(identifier) && f.discovery().contains(discovery))
                .findFirst().orElseThrow(() -> new AssertionError("the analyzer offers no " + pair));
    }

    private static Set<String> required(FactoryReport factory) {
        Set<String> keys = new TreeSet<>();
        factory.options().stream().filter(OptionReport::required).forEach(o -> keys.add(o.key()));
        return keys;
    }

    private static Set<String> all(FactoryReport factory) {
        Set<String> keys = new TreeSet<>();
        factory.options().forEach(o -> keys.add(o.key()));
        return keys;
    }

    private static void record(String jar, String line, FlinkDiscovery.Result flink, JarAnalysis analysis,
                               Set<String> offered, long flinkNanos, long analyzerNanos) {
        Map<String, Long> codes = new TreeMap<>();
        analysis.findings().forEach(f -> codes.merge(f.code(), 1L, Long::sum));
        String flinkSide = flink.discoveryFailure() != null ? "discovery fails: " + flink.discoveryFailure()
                : String.join(", ", flink.usable()) + (flink.unusable().isEmpty() ? ""
                        : "; unusable: " + flink.unusable()) + (flink.skipped().isEmpty() ? ""
                        : "; skipped: " + flink.skipped());
        ROWS.put(jar + " " + line, String.format("| %s | %s | %s | %s | %s | %s | %s | %d | %d |%n", jar, line,
                cell(flinkSide), cell(String.join(", ", offered)), flink.accepts() ? "loads" : "nothing usable",
                analysis.accepted() ? "accepted" : "refused", cell(codes.toString()), flinkNanos / 1_000_000,
                analyzerNanos / 1_000_000));
    }

    private static String cell(String text) {
        String flat = text.replace('|', '/').replace('\n', ' ');
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }
}
