package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Validating {@code WITH (...)} options and SQL scripts against the options the workspace's
 * connectors (sequence v2, row-file, psv, seeded-memory) and Flink's built-ins declare.
 *
 * <p>Bad inputs tried: a misspelt key, a missing required option, values of the wrong type (Long,
 * Duration, Enum, Boolean), no {@code connector} key, an unknown connector, a misspelt format
 * option, a misspelt catalog option, the family {@code format}, an empty request, SQL without
 * options, a misspelt key and an invalid value on their own lines of a multi-line statement,
 * malformed SQL, malformed JSON, options that are not a map, 1001 options, an unknown
 * workspace.
 */
abstract class ValidateApiTest extends RegistryApiTest {

    private String workspace;

    @BeforeAll
    void registerConnectors() {
        workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        assertThat(update(workspace, "sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
        registered(workspace, "row-file", TestJars.rowFileSink());
        registered(workspace, "psv", TestJars.psvFormat());
        registered(workspace, "memory", TestJars.memoryCatalog());
    }

    @Test
    void acceptsValidOptionsOfTheCurrentVersion() {
        JsonNode answer = validate(body("options", Map.of("connector", "sequence", "number-of-rows", "10",
                "step", "2")));

        assertThat(answer.path("valid").asBoolean()).isTrue();
        JsonNode result = answer.path("results").get(0);
        assertThat(result.path("kind").asString()).isEqualTo("OPTIONS");
        assertThat(result.path("result").path("identifier").asString()).isEqualTo("sequence");
        assertThat(result.path("result").path("problems").isEmpty()).isTrue();
    }

    @Test
    void takesTheConnectorFromTheIdentifierField() {
        JsonNode answer = validate(body("identifier", "sequence", "options", Map.of("number-of-rows", "10")));

        assertThat(answer.path("valid").asBoolean()).isTrue();
        assertThat(answer.path("results").get(0).path("result").path("identifier").asString()).isEqualTo("sequence");
    }

    @Test
    void suggestsTheKeyForAMisspeltOption() {
        JsonNode problem = onlyProblem(validate(body("options", Map.of("connector", "sequence",
                "number-of-rows", "10", "stpe", "2"))));

        assertThat(problem.path("code").asString()).isEqualTo("UNKNOWN_OPTION");
        assertThat(problem.path("severity").asString()).isEqualTo("ERROR");
        assertThat(problem.path("key").asString()).isEqualTo("stpe");
        assertThat(problem.path("suggestion").asString()).isEqualTo("step");
    }

    @Test
    void reportsMissingRequiredOption() {
        JsonNode answer = validate(body("options", Map.of("connector", "sequence")));

        assertThat(answer.path("valid").asBoolean()).isFalse();
        JsonNode problem = onlyProblem(answer);
        assertThat(problem.path("code").asString()).isEqualTo("MISSING_REQUIRED_OPTION");
        assertThat(problem.path("key").asString()).isEqualTo("number-of-rows");
    }

    @Test
    void reportsValuesOfTheWrongType() {
        JsonNode rows = onlyProblem(validate(body("options", Map.of("connector", "sequence", "number-of-rows", "ten"))));
        JsonNode sink = validate(body("options", Map.of("connector", "row-file", "path", "/tmp/out",
                "sink.flush-interval", "soon", "line-ending", "SIDEWAYS", "append", "maybe")));

        assertThat(rows.path("code").asString()).isEqualTo("INVALID_VALUE");
        assertThat(rows.path("key").asString()).isEqualTo("number-of-rows");
        assertThat(sink.path("valid").asBoolean()).isFalse();
        JsonNode problems = sink.path("results").get(0).path("result").path("problems");
        assertThat(each(problems, "code")).containsOnly("INVALID_VALUE");
        assertThat(each(problems, "key")).containsExactlyInAnyOrder("sink.flush-interval", "line-ending", "append");
    }

    @Test
    void reportsOptionsThatNameNoKnownConnector() {
        JsonNode unknown = onlyProblem(validate(body("options", Map.of("connector", "nope", "a", "b"))));
        JsonNode missing = onlyProblem(validate(body("options", Map.of("number-of-rows", "10"))));

        assertThat(unknown.path("code").asString()).isEqualTo("UNKNOWN_IDENTIFIER");
        assertThat(missing.path("code").asString()).isEqualTo("MISSING_IDENTIFIER");
    }

    @Test
    void validatesBuiltInConnectorsAndRegisteredFormats() {
        JsonNode datagen = validate(body("options", Map.of("connector", "datagen", "rows-per-second", "5")));
        JsonNode psv = onlyProblem(validate(body("options", Map.of("connector", "filesystem", "path", "/tmp/in",
                "format", "psv", "psv.field-delimiter", "|", "psv.ignore-parse-error", "true"))));

        assertThat(datagen.path("valid").asBoolean()).isTrue();
        assertThat(psv.path("code").asString()).isEqualTo("UNKNOWN_OPTION");
        assertThat(psv.path("suggestion").asString()).isEqualTo("psv.ignore-parse-errors");
    }

    @Test
    void validatesCatalogOptions() {
        JsonNode valid = validate(body("family", "catalog", "options", Map.of("type", "seeded-memory",
                "default-database", "db")));
        JsonNode misspelt = onlyProblem(validate(body("family", "catalog", "identifier", "seeded-memory",
                "options", Map.of("default-databse", "db"))));

        assertThat(valid.path("valid").asBoolean()).isTrue();
        assertThat(misspelt.path("code").asString()).isEqualTo("UNKNOWN_OPTION");
        assertThat(misspelt.path("suggestion").asString()).isEqualTo("default-database");
    }

    @Test
    void validatesEveryTableAndCatalogOfASqlScript() {
        String sql = """
                CREATE TABLE numbers (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '10');
                CREATE TABLE lines (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/out', 'format' = 'psv');
                CREATE CATALOG memory WITH ('type' = 'seeded-memory', 'default-database' = 'db');
                INSERT INTO lines SELECT id FROM numbers;
                CREATE TABLE broken (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = 'many');
                """;

        JsonNode answer = validate(body("sql", sql));

        assertThat(answer.path("valid").asBoolean()).isFalse();
        JsonNode results = answer.path("results");
        assertThat(each(results, "kind")).containsExactly("TABLE", "TABLE", "CATALOG", "TABLE");
        assertThat(each(results, "name")).containsExactly("numbers", "lines", "memory", "broken");
        assertThat(results.valueStream().map(r -> r.path("line").asInt()).toList()).containsExactly(1, 2, 3, 5);
        assertThat(results.valueStream().map(r -> r.path("result").path("valid").asBoolean()).toList())
                .containsExactly(true, true, true, false);
        assertThat(each(results.get(3).path("result").path("problems"), "code")).containsExactly("INVALID_VALUE");
    }

    /** Problems point at the line of their key in the script; one about a key the statement lacks, at the statement. */
    @Test
    void placesEachProblemOfAScriptAtTheLineOfItsKey() {
        String sql = """
                -- line 1: the demo's tables
                SET 'parallelism.default' = '1';
                CREATE TABLE numbers (
                  id BIGINT
                ) WITH (
                  'connector' = 'sequence',
                  'stpe' = '2'
                );
                CREATE TABLE lines (id BIGINT) WITH (
                  'connector' = 'row-file',
                  'append' =
                    'maybe'
                );
                """;

        JsonNode results = validate(body("sql", sql, "options", Map.of("connector", "sequence", "stpe", "2")))
                .path("results");

        assertThat(results.valueStream().map(r -> r.path("line").asInt(0)).toList()).containsExactly(0, 3, 9);
        assertThat(placed(results.get(0))).as("options sent as a map have no line")
                .containsExactlyInAnyOrder("UNKNOWN_OPTION stpe null", "MISSING_REQUIRED_OPTION number-of-rows null");
        assertThat(placed(results.get(1))).containsExactlyInAnyOrder("UNKNOWN_OPTION stpe 7",
                "MISSING_REQUIRED_OPTION number-of-rows 3");
        assertThat(placed(results.get(2))).containsExactlyInAnyOrder("INVALID_VALUE append 11",
                "MISSING_REQUIRED_OPTION path 9");
    }

    /** Each problem as "code key line". */
    private static List<String> placed(JsonNode result) {
        return result.path("result").path("problems").valueStream().map(p -> p.path("code").asString() + " "
                + p.path("key").asString() + " " + (p.path("line").isInt() ? p.path("line").asInt() : "null")).toList();
    }

    @Test
    void refusesFamilyItCannotValidate() {
        Answer answer = http.postJson(workspace + "/validate", body("family", "format", "options", Map.of("format", "psv")));

        assertThat(assertProblem(answer, 400, "UNSUPPORTED_FAMILY").path("detail").asString()).contains("format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"sql\": \"SELECT 1; SET 'a' = 'b';\"}", "{\"sql\": \"CREATE TABLE t (id INT)\"}"})
    void refusesRequestWithNothingToValidate(String request) {
        assertProblem(http.postJson(workspace + "/validate", request), 400, "NOTHING_TO_VALIDATE");
    }

    @Test
    void refusesMalformedRequests() {
        String validate = workspace + "/validate";

        assertThat(assertProblem(http.postJson(validate, body("sql", "CREATE TABLE t (id INT) WITH ('connector' = 'x);")),
                400, "INVALID_SQL").path("line").asInt()).isEqualTo(1);
        assertProblem(http.postJson(validate, "{\"options\": "), 400, "MALFORMED_REQUEST");
        Map<String, String> tooMany = new TreeMap<>();
        IntStream.range(0, 1001).forEach(i -> tooMany.put("key-" + i, "value"));
        assertProblem(http.postJson(validate, body("options", tooMany)), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(validate, "{\"options\": \"connector=sequence\"}"), 400, "MALFORMED_REQUEST");
        assertProblem(http.postJson(WORKSPACES + "/nowhere/validate", body("options", Map.of("connector", "datagen"))),
                404, "WORKSPACE_NOT_FOUND");
    }

    private JsonNode validate(Object request) {
        Answer answer = http.postJson(workspace + "/validate", request);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode onlyProblem(JsonNode answer) {
        assertThat(answer.path("valid").asBoolean()).isFalse();
        JsonNode problems = answer.path("results").get(0).path("result").path("problems");
        assertThat(problems.size()).as(problems.toString()).isEqualTo(1);
        return problems.get(0);
    }
}
