package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factory;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.Reports.option;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analysis;
import static dev.flinkregistry.testsupport.TestJars.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample connectors, analysed for Flink 1.20 and 2.2: what each factory offers and every
 * option it declares, rendered the way Flink's documentation renders them.
 *
 * <p>Inputs: the five sample JARs (sequence v1 and v2, row-file sink, psv format, seeded-memory
 * catalog). Bad inputs are in {@link BrokenJarsAnalysisTest}.
 */
class SampleConnectorsAnalysisTest {

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void acceptsSequenceSourceAsTableSourceWithLookup(String flink) {
        JarAnalysis analysis = analysis(sample("sample-sequence-source"), flink);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.findings()).isEmpty();
        FactoryReport sequence = factory(analysis, "sequence");
        assertThat(analysis.factories()).containsExactly(sequence);
        assertThat(sequence.className()).isEqualTo("dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory");
        assertThat(sequence.declared()).isTrue();
        assertThat(sequence.families()).containsExactly("table-connector");
        assertThat(sequence.capabilities()).containsExactly("source", "lookup");
        assertThat(sequence.discovery()).containsExactly("DynamicTableSourceFactory");
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void describesEveryOptionOfTheSequenceSource(String flink) {
        FactoryReport sequence = factory(analysis(sample("sample-sequence-source"), flink), "sequence");

        assertThat(sequence.options())
                .extracting(OptionReport::key, OptionReport::type, OptionReport::defaultValue,
                        OptionReport::required, OptionReport::forwarded, OptionReport::sensitive)
                .containsExactly(
                        tuple("name-prefix", "String", "row-", false, false, false),
                        tuple("number-of-rows", "Long", null, true, false, false),
                        tuple("scan.parallelism", "Integer", null, false, false, false),
                        tuple("start", "Long", "0", false, false, false));
        assertThat(option(sequence, "start").description()).isEqualTo("Id of the first row.");
        assertThat(option(sequence, "number-of-rows").description())
                .isEqualTo("Number of rows the source emits before it finishes.");
        assertThat(option(sequence, "scan.parallelism").description()).contains("parallelism");
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void sequenceSourceVersion2AddsOnlyTheStepOption(String flink) {
        JarAnalysis v1 = analysis(sample("sample-sequence-source"), flink);
        JarAnalysis v2 = analysis(sample("sample-sequence-source-v2"), flink);

        assertThat(v2.accepted()).isTrue();
        assertThat(v2.findings()).isEmpty();
        FactoryReport sequence = factory(v2, "sequence");
        assertThat(sequence.capabilities()).containsExactly("source", "lookup");
        assertThat(sequence.options()).extracting(OptionReport::key)
                .containsExactly("name-prefix", "number-of-rows", "scan.parallelism", "start", "step");
        assertThat(factory(v1, "sequence").options()).extracting(OptionReport::key).doesNotContain("step");
        OptionReport step = option(sequence, "step");
        assertThat(step.type()).isEqualTo("Long");
        assertThat(step.defaultValue()).isEqualTo("1");
        assertThat(step.required()).isFalse();
        assertThat(step.description()).startsWith("Difference between the ids of two consecutive rows");
        assertThat(v2.jar().sha256()).isNotEqualTo(v1.jar().sha256());
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void acceptsRowFileSinkAsTableSink(String flink) {
        JarAnalysis analysis = analysis(sample("sample-row-file-sink"), flink);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.errors()).isEmpty();
        FactoryReport rowFile = factory(analysis, "row-file");
        assertThat(rowFile.families()).containsExactly("table-connector");
        assertThat(rowFile.capabilities()).containsExactly("sink");
        assertThat(rowFile.discovery()).containsExactly("DynamicTableSinkFactory");
    }

    @Test
    void rowFileSinkHasNoFindingsOnFlink1() {
        assertThat(analysis(sample("sample-row-file-sink"), FLINK_1).findings()).isEmpty();
    }

    @Test
    void rowFileSinkReferenceToFlink1OnlySinkApiIsAtMostAWarningOnFlink2() {
        JarAnalysis analysis = analysis(sample("sample-row-file-sink"), FLINK_2);

        assertThat(analysis.accepted()).isTrue();
        // Built against 1.20 (inferred from that reference), and working on 2.2: the same rule as a declared version.
        assertThat(codes(analysis)).containsExactlyInAnyOrder("FLINK_API_NOT_IN_TARGET", "BUILT_FOR_OTHER_FLINK_MAJOR");
        assertThat(analysis.findings()).allSatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
        assertThat(finding(analysis, "FLINK_API_NOT_IN_TARGET").details())
                .contains("org.apache.flink.api.connector.sink2.Sink$InitContext");
        assertThat(finding(analysis, "BUILT_FOR_OTHER_FLINK_MAJOR").message()).contains("1.20", "2.2", "inferred");
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void describesEveryKindOfOptionOfTheRowFileSink(String flink) {
        FactoryReport rowFile = factory(analysis(sample("sample-row-file-sink"), flink), "row-file");

        assertThat(rowFile.options())
                .extracting(OptionReport::key, OptionReport::type, OptionReport::defaultValue,
                        OptionReport::required, OptionReport::forwarded, OptionReport::sensitive)
                .containsExactly(
                        tuple("append", "Boolean", "false", false, false, false),
                        tuple("field-delimiter", "String", ",", false, false, false),
                        tuple("line-ending", "Enum", "LF", false, false, false),
                        tuple("path", "String", null, true, false, false),
                        tuple("sink.buffer-size", "MemorySize", "64 kb", false, true, false),
                        tuple("sink.flush-interval", "Duration", "1 s", false, true, false));
        OptionReport delimiter = option(rowFile, "field-delimiter");
        assertThat(delimiter.fallbackKeys()).containsExactly("delimiter");
        assertThat(delimiter.deprecatedKeys()).containsExactly("separator");
        assertThat(option(rowFile, "path").fallbackKeys()).isEmpty();
        assertThat(option(rowFile, "path").deprecatedKeys()).isEmpty();
        assertThat(option(rowFile, "line-ending").enumValues()).containsExactly(
                new EnumValue("LF", "Unix line endings: a line feed (\\n) after each row."),
                new EnumValue("CRLF", "Windows line endings: a carriage return and a line feed (\\r\\n) after each row."));
        assertThat(option(rowFile, "line-ending").description()).isEqualTo("Characters written after each row.");
        assertThat(option(rowFile, "append").enumValues()).isEmpty();
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void acceptsPsvAsDecodingAndEncodingFormat(String flink) {
        JarAnalysis analysis = analysis(sample("sample-psv-format"), flink);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.findings()).isEmpty();
        FactoryReport psv = factory(analysis, "psv");
        assertThat(psv.families()).containsExactly("decoding-format", "encoding-format");
        assertThat(psv.capabilities()).containsExactly("decoding", "encoding");
        assertThat(psv.discovery()).containsExactly("DeserializationFormatFactory", "SerializationFormatFactory");
        assertThat(psv.options())
                .extracting(OptionReport::key, OptionReport::type, OptionReport::defaultValue,
                        OptionReport::required, OptionReport::forwarded)
                .containsExactly(
                        tuple("field-delimiter", "String", "|", false, false),
                        tuple("ignore-parse-errors", "Boolean", "false", false, true),
                        tuple("null-literal", "String", null, false, false));
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void acceptsSeededMemoryCatalogAndMarksItsPasswordSensitive(String flink) {
        JarAnalysis analysis = analysis(sample("sample-memory-catalog"), flink);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.findings()).isEmpty();
        FactoryReport catalog = factory(analysis, "seeded-memory");
        assertThat(catalog.families()).containsExactly("catalog");
        assertThat(catalog.capabilities()).containsExactly("catalog");
        assertThat(catalog.options())
                .extracting(OptionReport::key, OptionReport::type, OptionReport::defaultValue, OptionReport::required)
                .containsExactly(
                        tuple("databases", "List<String>", null, false),
                        tuple("default-database", "String", "default", false),
                        tuple("password", "String", null, false),
                        tuple("properties", "Map", null, false),
                        tuple("username", "String", null, false));
        assertThat(catalog.options()).filteredOn(OptionReport::sensitive).extracting(OptionReport::key)
                .containsExactly("password");
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {FLINK_1, FLINK_2})
    void reportsTheReleaseAndTheArchiveFacts(String flink) {
        JarAnalysis analysis = analysis(sample("sample-psv-format"), flink);

        assertThat(analysis.flinkVersion()).isEqualTo(flink);
        assertThat(analysis.flinkRelease()).startsWith(flink + ".");
        assertThat(analysis.jar().fileName()).isEqualTo("sample-psv-format.jar");
        assertThat(analysis.jar().sha256()).matches("[0-9a-f]{64}");
        assertThat(analysis.jar().classes()).isPositive().isLessThanOrEqualTo(analysis.jar().entries());
        assertThat(analysis.jar().newestJavaRelease()).isEqualTo(17);
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier).isEqualTo(List.of("psv"));
    }
}
