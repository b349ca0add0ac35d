package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analyzer;
import static dev.flinkregistry.testsupport.TestJars.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The supported Flink versions, as computed by the build from each distribution's own JARs.
 *
 * <p>Bad inputs tried: Flink versions the analyzer has no runtime for (1.18, 2.0, 1.20.3, empty).
 */
class FlinkRuntimesTest {

    private static final Set<ReservedIdentifier> FLINK_1_20_RESERVED = Set.of(
            new ReservedIdentifier("table-connector", "blackhole"),
            new ReservedIdentifier("table-connector", "datagen"),
            new ReservedIdentifier("table-connector", "filesystem"),
            new ReservedIdentifier("table-connector", "print"),
            new ReservedIdentifier("decoding-format", "csv"),
            new ReservedIdentifier("encoding-format", "csv"),
            new ReservedIdentifier("decoding-format", "json"),
            new ReservedIdentifier("encoding-format", "json"),
            new ReservedIdentifier("decoding-format", "canal-json"),
            new ReservedIdentifier("encoding-format", "canal-json"),
            new ReservedIdentifier("decoding-format", "debezium-json"),
            new ReservedIdentifier("encoding-format", "debezium-json"),
            new ReservedIdentifier("decoding-format", "maxwell-json"),
            new ReservedIdentifier("encoding-format", "maxwell-json"),
            new ReservedIdentifier("decoding-format", "ogg-json"),
            new ReservedIdentifier("encoding-format", "ogg-json"),
            new ReservedIdentifier("decoding-format", "raw"),
            new ReservedIdentifier("encoding-format", "raw"),
            new ReservedIdentifier("catalog", "generic_in_memory"),
            new ReservedIdentifier("catalog-store", "generic_in_memory"),
            new ReservedIdentifier("catalog-store", "file"),
            new ReservedIdentifier("module", "core"),
            new ReservedIdentifier("executor", "default"),
            new ReservedIdentifier("planner", "default"));

    private final FlinkRuntimes runtimes = analyzer().runtimes();

    @Test
    void supportsFlink120AndFlink22() {
        assertThat(FlinkRuntimes.SUPPORTED_LINES).containsExactly(FLINK_1, FLINK_2);
        assertThat(runtimes.get(FLINK_1).release()).isEqualTo("1.20.3");
        assertThat(runtimes.get(FLINK_2).release()).isEqualTo("2.2.0");
        assertThat(runtimes.get(FLINK_1).line()).isEqualTo(FLINK_1);
    }

    @Test
    void knowsTheNewestJavaEachVersionRunsOn() {
        assertThat(runtimes.get(FLINK_1).maxJavaRelease()).isEqualTo(17);
        assertThat(runtimes.get(FLINK_2).maxJavaRelease()).isEqualTo(21);
    }

    @Test
    void reservesTheIdentifiersFlink120Ships() {
        assertThat(runtimes.get(FLINK_1).reservedIdentifiers()).containsExactlyInAnyOrderElementsOf(FLINK_1_20_RESERVED);
    }

    @Test
    void flink22ReservesTheSameIdentifiersPlusLegacyCsv() {
        Set<ReservedIdentifier> added = new TreeSet<>(runtimes.get(FLINK_2).reservedIdentifiers());
        added.removeAll(FLINK_1_20_RESERVED);

        assertThat(runtimes.get(FLINK_2).reservedIdentifiers()).containsAll(FLINK_1_20_RESERVED);
        assertThat(added).containsExactly(new ReservedIdentifier("table-connector", "legacy-csv"));
    }

    @Test
    void describesBuiltinFactoriesLikeUploadedOnes() {
        FactoryReport datagen = runtimes.get(FLINK_1).builtinFactories().stream()
                .filter(f -> f.identifier().equals("datagen")).findFirst().orElseThrow();

        assertThat(runtimes.get(FLINK_1).builtinFactories()).allMatch(FactoryReport::loaded);
        assertThat(datagen.className()).isEqualTo("org.apache.flink.connector.datagen.table.DataGenTableSourceFactory");
        assertThat(datagen.capabilities()).containsExactly("source");
        assertThat(datagen.options()).extracting(OptionReport::key).contains("rows-per-second", "number-of-rows");
    }

    @Test
    void indexesTheClassesEachVersionShips() {
        String time = "org/apache/flink/api/common/time/Time";
        String factory = "org/apache/flink/table/factories/Factory";

        assertThat(runtimes.get(FLINK_1).ships(time)).isTrue();
        assertThat(runtimes.get(FLINK_2).ships(time)).as("removed in Flink 2").isFalse();
        assertThat(runtimes.get(FLINK_2).shipsPackageOf(time)).isTrue();
        assertThat(runtimes.get(FLINK_1).ships(factory)).isTrue();
        assertThat(runtimes.get(FLINK_2).ships(factory)).isTrue();
        assertThat(runtimes.get(FLINK_1).ships("dev/flinkregistry/samples/sequence/SequenceDynamicTableFactory")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.18", "2.0", "1.20.3", ""})
    void refusesAFlinkVersionItHasNoRuntimeFor(String version) {
        assertThatExceptionOfType(UnsupportedFlinkVersionException.class)
                .isThrownBy(() -> runtimes.get(version))
                .withMessageContaining("1.20, 2.2")
                .satisfies(e -> assertThat(e.requested()).isEqualTo(version));
    }

    @Test
    void analysingForAnUnsupportedVersionThrowsBeforeReadingTheJar() {
        assertThatExceptionOfType(UnsupportedFlinkVersionException.class)
                .isThrownBy(() -> analyzer().analyze(sample("sample-sequence-source"), "1.18"))
                .withMessageStartingWith("Flink 1.18 is not supported");
    }
}
