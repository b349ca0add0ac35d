package dev.flinkregistry.server.validate;

import static dev.flinkregistry.server.validate.Tables.single;
import static dev.flinkregistry.server.validate.Tables.table;
import static dev.flinkregistry.server.validate.ValidationCode.MISSING_REQUIRED_OPTION;
import static dev.flinkregistry.server.validate.ValidationCode.UNKNOWN_IDENTIFIER;
import static dev.flinkregistry.server.validate.ValidationCode.UNKNOWN_OPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * Format options: a connector's {@code format}, {@code key.format} or {@code value.format}
 * names a format whose options follow under {@code json.}, {@code key.json.} or
 * {@code value.json.}, checked against real analyses of Kafka 3.2, the sample psv format and
 * Flink 1.20's built-in json and filesystem factories.
 *
 * <p>Bad inputs: {@code csv.*} and {@code value.json.*} keys while only {@code format = json}
 * is set; the typos {@code json.ignore-parse-error} and {@code psv.field-delimter}; the format
 * {@code jsn}; a filesystem table without format and path.
 */
class FormatOptionsTest {

    @Test
    void acceptsKafkaSourceWithJsonFormatAndClientProperties() {
        ValidationResult result = table("connector", "kafka", "topic", "orders",
                "properties.bootstrap.servers", "broker-1:9092,broker-2:9092", "properties.group.id", "billing",
                "properties.max.poll.records", "500", "scan.startup.mode", "earliest-offset",
                "format", "json", "json.ignore-parse-errors", "true", "json.fail-on-missing-field", "FALSE");

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.identifier()).isEqualTo("kafka");
    }

    @Test
    void acceptsKafkaKeyAndValueFormatsUnderTheirOwnPrefixes() {
        ValidationResult result = table("connector", "kafka", "topic", "orders",
                "properties.bootstrap.servers", "broker:9092", "key.format", "json", "key.fields", "id",
                "key.json.fail-on-missing-field", "false", "value.format", "json",
                "value.json.ignore-parse-errors", "true", "value.fields-include", "EXCEPT_KEY");

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void refusesFormatOptionsUnderThePrefixOfAnotherFormat() {
        ValidationResult result = table("connector", "kafka", "properties.bootstrap.servers", "broker:9092",
                "format", "json", "csv.field-delimiter", ";", "value.json.ignore-parse-errors", "true");

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactly(tuple(UNKNOWN_OPTION, "csv.field-delimiter"),
                        tuple(UNKNOWN_OPTION, "value.json.ignore-parse-errors"));
    }

    @Test
    void suggestsTheClosestKeyForAMistypedFormatOption() {
        ValidationProblem problem = single(table("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "json", "json.ignore-parse-error", "true"));

        assertThat(problem.code()).isEqualTo(UNKNOWN_OPTION);
        assertThat(problem.suggestion()).isEqualTo("json.ignore-parse-errors");
        assertThat(problem.message()).contains("format 'json'", "'json.'");
    }

    @Test
    void reportsAnUnknownFormatOnceAndLeavesItsOptionsAlone() {
        ValidationResult result = table("connector", "kafka", "properties.bootstrap.servers", "b:9092",
                "format", "jsn", "jsn.ignore-parse-errors", "true");

        assertThat(result.valid()).isFalse();
        ValidationProblem problem = single(result);
        assertThat(problem.code()).isEqualTo(UNKNOWN_IDENTIFIER);
        assertThat(problem.key()).isEqualTo("format");
        assertThat(problem.message()).contains("'jsn'", "decoding-format", "encoding-format");
    }

    @Test
    void validatesAFormatFromAnUploadedJarOnTheBuiltInFilesystemConnector() {
        assertThat(table("connector", "filesystem", "path", "s3://bucket/orders", "format", "psv",
                "psv.field-delimiter", ";", "psv.null-literal", "NULL", "psv.ignore-parse-errors", "true")
                .problems()).isEmpty();

        ValidationProblem problem = single(table("connector", "filesystem", "path", "/data", "format", "psv",
                "psv.field-delimter", ";"));
        assertThat(problem.code()).isEqualTo(UNKNOWN_OPTION);
        assertThat(problem.suggestion()).isEqualTo("psv.field-delimiter");
    }

    @Test
    void requiresTheFormatAndPathOfTheFilesystemConnector() {
        assertThat(table("connector", "filesystem").problems())
                .extracting(ValidationProblem::code, ValidationProblem::key)
                .containsExactlyInAnyOrder(tuple(MISSING_REQUIRED_OPTION, "path"), tuple(MISSING_REQUIRED_OPTION, "format"));
    }
}
