package dev.flinkregistry.server.validate;

import static dev.flinkregistry.server.validate.Tables.options;
import static dev.flinkregistry.server.validate.Tables.single;
import static dev.flinkregistry.server.validate.Tables.table;
import static dev.flinkregistry.server.validate.ValidationCode.DEPRECATED_KEY;
import static dev.flinkregistry.server.validate.ValidationCode.INVALID_VALUE;
import static dev.flinkregistry.server.validate.ValidationCode.MISSING_IDENTIFIER;
import static dev.flinkregistry.server.validate.ValidationCode.MISSING_REQUIRED_OPTION;
import static dev.flinkregistry.server.validate.ValidationCode.UNKNOWN_IDENTIFIER;
import static dev.flinkregistry.server.validate.ValidationCode.UNKNOWN_OPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.analyzer.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connector and catalog options validated against real analyses of Kafka 3.2, JDBC 3.3, the
 * sample sequence source and row-file sink, and Flink 1.20's built-ins (datagen). Formats are
 * in {@link FormatOptionsTest}.
 *
 * <p>Bad inputs: the typos {@code scan.startup.mod}, {@code base-uri} and {@code fields.id.knd};
 * the unknown key {@code compression}; {@code scan.startup.mode = oldest};
 * {@code scan.topic-partition-discovery.interval = 1.5 min} (and {@code PT5M} before Flink 2);
 * {@code sink.buffer-size = 64 kilobytes}; {@code scan.watermark.emit.strategy = sometimes};
 * a watermark alignment group without max drift; {@code number-of-rows = ten};
 * {@code fields.score.null-rate = often}; the deprecated key {@code separator}; missing
 * {@code properties.bootstrap.servers}, {@code number-of-rows}, upsert-kafka's key and value
 * formats and topic, a JDBC catalog's password; the connector {@code kafak}; the catalog type
 * {@code kafka}; no {@code connector} or {@code type} key; {@code properties.*} keys on JDBC,
 * which does not pass them through; the family {@code module}.
 */
class OptionValidatorTest {

    private final OptionValidator validator = new OptionValidator(AnalysedFactories.FLINK);

    @Test
    void suggestsTheClosestKeyForAMistypedConnectorOption() {
        ValidationResult result = table("connector", "kafka", "properties.bootstrap.servers", "broker:9092",
                "format", "json", "scan.startup.mod", "earliest-offset");

        assertThat(result.valid()).isFalse();
        ValidationProblem problem = single(result);
        assertThat(problem.code()).isEqualTo(UNKNOWN_OPTION);
        assertThat(problem.severity()).isEqualTo(Severity.ERROR);
        assertThat(problem.key()).isEqualTo("scan.startup.mod");
        assertThat(problem.suggestion()).isEqualTo("scan.startup.mode");
        assertThat(problem.message()).contains("connector 'kafka'", "Did you mean 'scan.startup.mode'?");
    }

    @Test
    void suggestsNothingForAKeyFarFromEveryDeclaredOne() {
        ValidationProblem problem = single(table("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "json", "compression", "zstd"));

        assertThat(problem.code()).isEqualTo(UNKNOWN_OPTION);
        assertThat(problem.suggestion()).isNull();
        assertThat(problem.message()).doesNotContain("Did you mean");
    }

    @Test
    void requiresOnlyTheBootstrapServersOfKafkaNotTheTopic() {
        ValidationResult result = table("connector", "kafka", "format", "json");

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactly(tuple(MISSING_REQUIRED_OPTION, "properties.bootstrap.servers"));
        assertThat(result.problems().get(0).message()).contains("Connector 'kafka' requires");
    }

    @Test
    void requiresBothFormatsTopicAndServersOfUpsertKafka() {
        ValidationResult result = table("connector", "upsert-kafka");

        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactlyInAnyOrder(tuple(MISSING_REQUIRED_OPTION, "key.format"),
                        tuple(MISSING_REQUIRED_OPTION, "value.format"), tuple(MISSING_REQUIRED_OPTION, "topic"),
                        tuple(MISSING_REQUIRED_OPTION, "properties.bootstrap.servers"));
    }

    @Test
    void refusesAnEnumValueThatIsNotDeclaredAndListsTheAllowedOnes() {
        ValidationProblem problem = single(table("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "json", "scan.startup.mode", "oldest"));

        assertThat(problem.code()).isEqualTo(INVALID_VALUE);
        assertThat(problem.key()).isEqualTo("scan.startup.mode");
        assertThat(problem.message()).contains("'oldest'", "earliest-offset", "latest-offset", "group-offsets",
                "timestamp", "specific-offsets");
    }

    @Test
    void matchesEnumValuesIgnoringCaseAsFlinkDoes() {
        assertThat(table("connector", "kafka", "properties.bootstrap.servers", "b:9092", "format", "json",
                "scan.startup.mode", "EARLIEST-OFFSET", "value.fields-include", "except_key").problems()).isEmpty();
    }

    @Test
    void refusesADurationFlinkCannotParse() {
        ValidationProblem problem = single(table("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "json", "scan.topic-partition-discovery.interval", "1.5 min"));

        assertThat(problem.code()).isEqualTo(INVALID_VALUE);
        assertThat(problem.key()).isEqualTo("scan.topic-partition-discovery.interval");
        assertThat(problem.message()).contains("(Duration)", "'.5 min' is not a time unit");
    }

    @Test
    void acceptsIsoDurationsFromFlink2On() {
        Map<String, String> options = options("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "json", "scan.topic-partition-discovery.interval", "PT5M");

        assertThat(validator.validate(OptionValidator.TABLE_CONNECTOR, options, AnalysedFactories.lookup()).errors())
                .extracting(ValidationProblem::code).containsExactly(INVALID_VALUE);
        assertThat(new OptionValidator("2.2")
                .validate(OptionValidator.TABLE_CONNECTOR, options, AnalysedFactories.lookup()).problems()).isEmpty();
    }

    @Test
    void refusesAMemorySizeFlinkCannotParse() {
        ValidationProblem problem = single(table("connector", "row-file", "path", "/tmp/out",
                "sink.buffer-size", "64 kilobytes"));

        assertThat(problem.code()).isEqualTo(INVALID_VALUE);
        assertThat(problem.key()).isEqualTo("sink.buffer-size");
        assertThat(problem.message()).contains("(MemorySize)", "connector 'row-file'", "'kilobytes' is not a memory unit");
    }

    @Test
    void warnsAboutADeprecatedKeyAndSuggestsTheCurrentOne() {
        ValidationResult result = table("connector", "row-file", "path", "/tmp/out", "separator", ";");

        assertThat(result.valid()).isTrue();
        ValidationProblem problem = single(result);
        assertThat(problem.code()).isEqualTo(DEPRECATED_KEY);
        assertThat(problem.severity()).isEqualTo(Severity.WARNING);
        assertThat(problem.key()).isEqualTo("separator");
        assertThat(problem.suggestion()).isEqualTo("field-delimiter");
        assertThat(result.warnings()).containsExactly(problem);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void acceptsAFallbackKeySilently() {
        assertThat(table("connector", "row-file", "path", "/tmp/out", "delimiter", ";",
                "line-ending", "crlf", "sink.flush-interval", "5 s", "append", "true").problems()).isEmpty();
    }

    @Test
    void reportsAMissingRequiredOption() {
        ValidationResult result = table("connector", "sequence", "start", "10");

        assertThat(result.valid()).isFalse();
        ValidationProblem problem = single(result);
        assertThat(problem.code()).isEqualTo(MISSING_REQUIRED_OPTION);
        assertThat(problem.key()).isEqualTo("number-of-rows");
        assertThat(problem.message()).contains("Connector 'sequence' requires option 'number-of-rows'");
    }

    @Test
    void reportsAValueOfTheWrongTypeButNotAsMissing() {
        ValidationProblem problem = single(table("connector", "sequence", "number-of-rows", "ten"));

        assertThat(problem.code()).isEqualTo(INVALID_VALUE);
        assertThat(problem.key()).isEqualTo("number-of-rows");
        assertThat(problem.message()).contains("(Long)", "'ten' is not a whole number");
    }

    @Test
    void reportsAnUnknownConnectorNamingTheFamilySearched() {
        ValidationResult result = table("connector", "kafak", "topic", "orders");

        assertThat(result.valid()).isFalse();
        assertThat(result.identifier()).isEqualTo("kafak");
        ValidationProblem problem = single(result);
        assertThat(problem.code()).isEqualTo(UNKNOWN_IDENTIFIER);
        assertThat(problem.key()).isEqualTo("connector");
        assertThat(problem.message()).contains("'kafak'", "table-connector");
    }

    @Test
    void reportsOptionsWithoutAConnectorKey() {
        ValidationResult result = table("topic", "orders");

        assertThat(result.valid()).isFalse();
        assertThat(result.identifier()).isNull();
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactly(tuple(MISSING_IDENTIFIER, "connector"));
    }

    @Test
    void matchesTemplatedKeysOfDatagenForAnyColumn() {
        assertThat(table("connector", "datagen", "number-of-rows", "100", "fields.id.kind", "sequence",
                "fields.id.start", "1", "fields.id.end", "100", "fields.name.length", "12",
                "fields.score.null-rate", "0.1").problems()).isEmpty();

        ValidationResult result = table("connector", "datagen", "fields.id.knd", "sequence",
                "fields.score.null-rate", "often");
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key,
                        ValidationProblem::suggestion)
                .containsExactly(tuple(UNKNOWN_OPTION, "fields.id.knd", "fields.id.kind"),
                        tuple(INVALID_VALUE, "fields.score.null-rate", null));
    }

    @Test
    void acceptsTheOptionsFlinkAddsToEveryTable() {
        assertThat(table("connector", "sequence", "number-of-rows", "5", "property-version", "1",
                "scan.watermark.emit.strategy", "ON-EVENT", "scan.watermark.idle-timeout", "30 s",
                "scan.watermark.alignment.group", "g", "scan.watermark.alignment.max-drift", "1 min").problems()).isEmpty();
    }

    @Test
    void checksTheWatermarkOptionsFlinkAddsToEveryTable() {
        ValidationResult result = table("connector", "sequence", "number-of-rows", "5",
                "scan.watermark.emit.strategy", "sometimes", "scan.watermark.alignment.group", "g");

        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactly(tuple(INVALID_VALUE, "scan.watermark.emit.strategy"),
                        tuple(MISSING_REQUIRED_OPTION, "scan.watermark.alignment.max-drift"));
    }

    @Test
    void warnsAboutClientPropertiesOnAConnectorThatDeclaresNone() {
        ValidationResult result = table("connector", "jdbc", "url", "jdbc:postgresql://db/app",
                "table-name", "orders", "properties.ssl", "true");

        assertThat(result.valid()).isTrue();
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::severity,
                        ValidationProblem::key)
                .containsExactly(tuple(UNKNOWN_OPTION, Severity.WARNING, "properties.ssl"));
    }

    @Test
    void validatesACatalogByItsTypeKey() {
        Map<String, String> catalog = options("type", "seeded-memory", "default-database", "app",
                "databases", "app;audit", "username", "reader", "password", "secret");
        assertThat(validator.validate(OptionValidator.CATALOG, catalog, AnalysedFactories.lookup()).problems()).isEmpty();

        catalog.remove("databases");
        catalog.put("databasez", "app");
        ValidationResult result = validator.validate(OptionValidator.CATALOG, catalog, AnalysedFactories.lookup());
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key,
                        ValidationProblem::suggestion)
                .containsExactly(tuple(UNKNOWN_OPTION, "databasez", "databases"));
    }

    @Test
    void aCatalogPairFlinkCannotUseIsNotOffered() {
        // JDBC 3.3.0-1.20 declares two 'jdbc' catalog factories: Flink fails CREATE CATALOG ... 'type'='jdbc'.
        ValidationResult result = validator.validate(OptionValidator.CATALOG, options("type", "jdbc",
                "base-url", "jdbc:postgresql://db:5432", "default-database", "app"), AnalysedFactories.lookup());

        assertThat(result.problems()).extracting(ValidationProblem::code).containsExactly(UNKNOWN_IDENTIFIER);
        // Its table connector, which Flink can use, is still validated.
        assertThat(validator.validate(OptionValidator.TABLE_CONNECTOR, options("connector", "jdbc", "url",
                "jdbc:postgresql://db:5432/app", "table-name", "orders"), AnalysedFactories.lookup()).problems())
                .isEmpty();
    }

    @Test
    void reportsCatalogOptionsWithoutATypeKey() {
        ValidationResult result = validator.validate(OptionValidator.CATALOG,
                options("connector", "jdbc", "base-url", "jdbc:postgresql://db:5432"), AnalysedFactories.lookup());

        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactly(tuple(MISSING_IDENTIFIER, "type"));
    }

    @Test
    void looksCatalogsUpInTheCatalogFamilyOnly() {
        ValidationResult result = validator.validate(OptionValidator.CATALOG, options("type", "kafka"),
                AnalysedFactories.lookup());

        assertThat(result.problems()).extracting(ValidationProblem::code).containsExactly(UNKNOWN_IDENTIFIER);
        assertThat(result.problems().get(0).message()).contains("'catalog'");
    }

    @Test
    void refusesFamiliesWithoutAnOptionMap() {
        assertThatThrownBy(() -> validator.validate("module", options("type", "core"), AnalysedFactories.lookup()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module");
    }
}
