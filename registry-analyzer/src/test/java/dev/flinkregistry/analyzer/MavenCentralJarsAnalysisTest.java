package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.factory;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.Reports.option;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analysis;
import static dev.flinkregistry.testsupport.TestJars.central;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Real connector JARs from Maven Central, checked against what Flink and the connectors
 * themselves declare (option types and defaults verified against the connectors' Options classes).
 *
 * <p>Inputs that are wrong for a target: the Kafka connector built for Flink 1.19 on Flink 2.2 and
 * the one built for 2.0 on 1.20; the JDBC connector 3.3.0, which declares two 'jdbc' catalogs;
 * flink-json and flink-csv, which Flink already ships; mysql-cdc, which bundles Flink's shaded Guava.
 */
class MavenCentralJarsAnalysisTest {

    private static final String KAFKA_1 = "flink-sql-connector-kafka-3.2.0-1.19";
    private static final String KAFKA_2 = "flink-sql-connector-kafka-4.0.1-2.0";

    @Nested
    class KafkaBuiltForFlink119 {

        private final JarAnalysis analysis = analysis(central(KAFKA_1), FLINK_1);

        @Test
        void isAcceptedOnFlink120WithoutFindings() {
            assertThat(analysis.accepted()).isTrue();
            assertThat(analysis.findings()).isEmpty();
            assertThat(analysis.builtFor().flinkVersion()).isEqualTo("1.19");
            assertThat(analysis.builtFor().declared()).isTrue();
            assertThat(analysis.builtFor().evidence()).anySatisfy(e -> assertThat(e).contains("MANIFEST.MF", "3.2.0-1.19"));
        }

        @Test
        void offersKafkaAndUpsertKafkaAsSourceAndSink() {
            assertThat(analysis.loadedFactories())
                    .extracting(FactoryReport::identifier, FactoryReport::families, FactoryReport::capabilities)
                    .containsExactlyInAnyOrder(
                            tuple("kafka", List.of("table-connector"), List.of("source", "sink")),
                            tuple("upsert-kafka", List.of("table-connector"), List.of("source", "sink")));
        }

        @Test
        void describesKafkaOptionsAsKafkaConnectorOptionsDeclaresThem() {
            FactoryReport kafka = factory(analysis, "kafka");

            OptionReport startupMode = option(kafka, "scan.startup.mode");
            assertThat(startupMode.type()).isEqualTo("Enum");
            assertThat(startupMode.defaultValue()).isEqualTo("group-offsets");
            assertThat(startupMode.enumValues()).extracting(EnumValue::value).containsExactlyInAnyOrder(
                    "earliest-offset", "latest-offset", "group-offsets", "timestamp", "specific-offsets");
            assertThat(startupMode.enumValues()).allSatisfy(value -> assertThat(value.description()).isNotBlank());
            assertThat(option(kafka, "topic").type()).isEqualTo("List<String>");
            assertThat(option(kafka, "properties.bootstrap.servers").type()).isEqualTo("String");
            OptionReport guarantee = option(kafka, "sink.delivery-guarantee");
            assertThat(guarantee.type()).isEqualTo("Enum");
            assertThat(guarantee.defaultValue()).isEqualTo("at-least-once");
            assertThat(guarantee.enumValues()).extracting(EnumValue::value)
                    .containsExactly("exactly-once", "at-least-once", "none");
            // KafkaConnectorOptions 3.2.0: durationType().defaultValue(Duration.ofMinutes(5))
            OptionReport discovery = option(kafka, "scan.topic-partition-discovery.interval");
            assertThat(discovery.type()).isEqualTo("Duration");
            assertThat(discovery.defaultValue()).isEqualTo("5 min");
            assertThat(option(kafka, "value.fields-include").enumValues()).extracting(EnumValue::value)
                    .containsExactly("ALL", "EXCEPT_KEY");
        }

        @Test
        void requiresWhatEachKafkaFactoryRequires() {
            assertThat(factory(analysis, "kafka").options()).filteredOn(OptionReport::required)
                    .extracting(OptionReport::key).containsExactly("properties.bootstrap.servers");
            assertThat(factory(analysis, "upsert-kafka").options()).filteredOn(OptionReport::required)
                    .extracting(OptionReport::key)
                    .containsExactlyInAnyOrder("properties.bootstrap.servers", "topic", "key.format", "value.format");
        }

        @Test
        void isAcceptedOnFlink22WithWarningsThatItNeedsFlink1Api() {
            JarAnalysis onFlink2 = analysis(central(KAFKA_1), FLINK_2);

            assertThat(codes(onFlink2)).containsExactlyInAnyOrder("BUILT_FOR_OTHER_FLINK_MAJOR", "FLINK_API_NOT_IN_TARGET");
            assertThat(finding(onFlink2, "FLINK_API_NOT_IN_TARGET").details())
                    .contains("org.apache.flink.api.common.time.Time");
            assertThat(finding(onFlink2, "BUILT_FOR_OTHER_FLINK_MAJOR").message()).contains("1.19", "2.2");
            assertThat(onFlink2.findings()).allMatch(f -> f.severity() == Severity.WARNING);
            assertThat(onFlink2.builtFor().flinkVersion()).isEqualTo("1.19");
            // Flink's discovery loads both factories, so the verdict is Flink's: accepted, with warnings.
            assertThat(onFlink2.accepted()).isTrue();
            assertThat(onFlink2.loadedFactories()).extracting(FactoryReport::identifier)
                    .as("the factories themselves still load").containsExactlyInAnyOrder("kafka", "upsert-kafka");
        }
    }

    @Test
    void acceptsKafkaBuiltForFlink20OnFlink22() {
        JarAnalysis analysis = analysis(central(KAFKA_2), FLINK_2);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.builtFor().flinkVersion()).isEqualTo("2.0");
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier)
                .containsExactlyInAnyOrder("kafka", "upsert-kafka");
    }

    @Test
    void warnsThatKafkaBuiltForFlink20IsForAnotherMajorOnFlink120() {
        JarAnalysis analysis = analysis(central(KAFKA_2), FLINK_1);

        assertThat(codes(analysis)).containsExactly("BUILT_FOR_OTHER_FLINK_MAJOR");
        Finding otherMajor = finding(analysis, "BUILT_FOR_OTHER_FLINK_MAJOR");
        assertThat(otherMajor.message()).contains("2.0", "1.20").doesNotContain("inferred");
        assertThat(otherMajor.severity()).isEqualTo(Severity.WARNING);
        assertThat(analysis.accepted()).isTrue();
    }

    @Test
    void jdbcOffersSourceSinkAndLookupButDeclaresTwoJdbcCatalogs() {
        JarAnalysis analysis = analysis(central("flink-connector-jdbc-3.3.0-1.20"), FLINK_1);

        FactoryReport jdbc = factory(analysis, "table-connector", "jdbc");
        assertThat(jdbc.capabilities()).containsExactly("source", "sink", "lookup");
        assertThat(jdbc.options()).filteredOn(OptionReport::required).extracting(OptionReport::key)
                .containsExactlyInAnyOrder("url", "table-name");
        assertThat(option(jdbc, "password").sensitive()).isTrue();
        assertThat(option(jdbc, "lookup.cache").enumValues()).extracting(EnumValue::value)
                .containsExactly("NONE", "PARTIAL", "FULL");
        assertThat(codes(analysis)).containsExactly("DUPLICATE_IDENTIFIER");
        Finding duplicate = finding(analysis, "DUPLICATE_IDENTIFIER");
        assertThat(duplicate.message()).contains("'jdbc'", "CatalogFactory", "CREATE CATALOG",
                "'type' = 'jdbc'", "Multiple factories");
        assertThat(duplicate.severity()).isEqualTo(Severity.ERROR);
        assertThat(duplicate.details()).containsExactlyInAnyOrder(
                "org.apache.flink.connector.jdbc.catalog.factory.JdbcCatalogFactory",
                "org.apache.flink.connector.jdbc.core.database.catalog.factory.JdbcCatalogFactory");
        // Flink fails only CREATE CATALOG ... 'type'='jdbc': that pair is unusable, the table connector works.
        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier, FactoryReport::families)
                .containsExactly(tuple("jdbc", List.of("table-connector")));
        assertThat(analysis.factories()).filteredOn(f -> f.discovery().contains("CatalogFactory"))
                .hasSize(2).allSatisfy(catalog -> {
                    assertThat(catalog.loaded()).isFalse();
                    assertThat(catalog.identifier()).isEqualTo("jdbc");
                    assertThat(catalog.failure().code()).isEqualTo("DUPLICATE_IDENTIFIER");
                });
    }

    @Test
    void flinkJsonIsRefusedBecauseFlinkAlreadyShipsIt() {
        JarAnalysis analysis = analysis(central("flink-json-1.20.3"), FLINK_1);

        assertThat(analysis.loadedFactories())
                .extracting(FactoryReport::identifier, FactoryReport::families, FactoryReport::capabilities)
                .containsExactlyInAnyOrder(
                        tuple("json", List.of("decoding-format", "encoding-format"), List.of("decoding", "encoding")),
                        tuple("debezium-json", List.of("decoding-format", "encoding-format"), List.of("decoding", "encoding")),
                        tuple("canal-json", List.of("decoding-format", "encoding-format"), List.of("decoding", "encoding")),
                        tuple("maxwell-json", List.of("decoding-format", "encoding-format"), List.of("decoding", "encoding")),
                        tuple("ogg-json", List.of("decoding-format", "encoding-format"), List.of("decoding", "encoding")));
        assertThat(codes(analysis)).containsExactlyInAnyOrder("BUILTIN_IDENTIFIER", "BUILTIN_IDENTIFIER",
                "BUILTIN_IDENTIFIER", "BUILTIN_IDENTIFIER", "BUILTIN_IDENTIFIER", "RUNTIME_CLASSES_BUNDLED");
        assertThat(analysis.findings("BUILTIN_IDENTIFIER")).extracting(Finding::subject)
                .containsExactlyInAnyOrder("json", "debezium-json", "canal-json", "maxwell-json", "ogg-json");
        assertThat(finding(analysis, "RUNTIME_CLASSES_BUNDLED").subject()).isEqualTo("org.apache.flink.formats.json");
        assertThat(analysis.builtFor().flinkVersion()).isEqualTo("1.20.3");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void describesJsonFormatOptionsAsJsonFormatOptionsDeclaresThem() {
        FactoryReport json = factory(analysis(central("flink-json-1.20.3"), FLINK_1), "json");

        OptionReport ignoreErrors = option(json, "ignore-parse-errors");
        assertThat(ignoreErrors.type()).isEqualTo("Boolean");
        assertThat(ignoreErrors.defaultValue()).isEqualTo("false");
        // JsonFormatOptions 1.20.3: key("timestamp-format.standard").stringType().defaultValue("SQL")
        OptionReport timestampFormat = option(json, "timestamp-format.standard");
        assertThat(timestampFormat.type()).isEqualTo("String");
        assertThat(timestampFormat.defaultValue()).isEqualTo("SQL");
        assertThat(json.options()).noneMatch(OptionReport::required);
    }

    @Test
    void flinkCsvIsRefusedBecauseFlinkAlreadyShipsIt() {
        JarAnalysis analysis = analysis(central("flink-csv-1.20.3"), FLINK_1);

        assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier, FactoryReport::discovery)
                .containsExactlyInAnyOrder(
                        tuple("csv", List.of("DeserializationFormatFactory", "SerializationFormatFactory")),
                        tuple("csv", List.of("BulkReaderFormatFactory", "BulkWriterFormatFactory")));
        assertThat(codes(analysis)).containsExactlyInAnyOrder(
                "BUILTIN_IDENTIFIER", "BUILTIN_IDENTIFIER", "RUNTIME_CLASSES_BUNDLED");
        assertThat(analysis.accepted()).isFalse();
    }

    @Test
    void acceptsMysqlCdcWithAWarningAboutBundledShadedFlinkClasses() {
        JarAnalysis analysis = analysis(central("flink-sql-connector-mysql-cdc-3.5.0"), FLINK_1);

        assertThat(analysis.accepted()).isTrue();
        assertThat(codes(analysis)).containsExactly("SHADED_RUNTIME_CLASSES_BUNDLED");
        assertThat(finding(analysis, "SHADED_RUNTIME_CLASSES_BUNDLED").severity()).isEqualTo(Severity.WARNING);
        assertThat(finding(analysis, "SHADED_RUNTIME_CLASSES_BUNDLED").subject()).startsWith("org.apache.flink.shaded.");
        FactoryReport cdc = factory(analysis, "mysql-cdc");
        assertThat(cdc.families()).containsExactly("table-connector");
        assertThat(cdc.capabilities()).containsExactly("source");
        assertThat(cdc.options()).filteredOn(OptionReport::required).extracting(OptionReport::key)
                .containsExactlyInAnyOrder("hostname", "username", "password", "database-name", "table-name");
        assertThat(cdc.options()).filteredOn(OptionReport::sensitive).extracting(OptionReport::key)
                .containsExactly("password");
        OptionReport port = option(cdc, "port");
        assertThat(port.type()).isEqualTo("Integer");
        assertThat(port.defaultValue()).isEqualTo("3306");
        assertThat(option(cdc, "connect.timeout").defaultValue()).isEqualTo("30 s");
    }
}
