package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import dev.flinkregistry.server.support.JarVariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Listing, searching and showing connectors in a workspace with five: kafka (the real
 * flink-sql-connector-kafka 3.2.0-1.19: kafka and upsert-kafka), memory (seeded-memory catalog),
 * psv (format), row-file (sink) and sequence (source with lookup, current version 2).
 *
 * <p>Bad inputs tried: page size 0, 201 and not a number, a negative page, a page past the end,
 * filters nothing matches, LIKE wildcards ('%', '_') as search text, an unknown connector.
 */
abstract class SearchApiTest extends RegistryApiTest {

    private String workspace;

    @BeforeAll
    void registerConnectors() {
        workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        assertThat(update(workspace, "sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
        registered(workspace, "row-file", TestJars.rowFileSink());
        registered(workspace, "psv", TestJars.psvFormat());
        registered(workspace, "memory", TestJars.memoryCatalog());
        registered(workspace, "kafka", TestJars.jar("flink-sql-connector-kafka.jar"));
    }

    @Test
    void listsEveryConnectorByNameWithWhatItOffers() {
        Answer answer = list("");

        assertThat(names(answer)).containsExactly("kafka", "memory", "psv", "row-file", "sequence");
        JsonNode page = answer.json();
        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        JsonNode sequence = page.path("items").get(4);
        assertThat(sequence.path("currentVersion").asInt()).isEqualTo(2);
        JsonNode factory = sequence.path("factories").get(0);
        assertThat(factory.path("identifier").asString()).isEqualTo("sequence");
        assertThat(factory.path("families").toString()).isEqualTo("[\"table-connector\"]");
        assertThat(factory.path("capabilities").toString()).contains("source", "lookup");
        assertThat(each(page.path("items").get(0).path("factories"), "identifier"))
                .containsExactly("kafka", "upsert-kafka");
    }

    @Test
    void listsWhoRegisteredEachCurrentVersionAndHowManyWarningsItHas() throws IOException {
        String own = newWorkspace();
        registered(own, "kafka", TestJars.jar("flink-sql-connector-kafka.jar"));
        registered(own, "sequence", TestJars.sequenceV1());
        Path undeclared = JarVariants.withUndeclaredFactories(Files.createTempDirectory("search-").resolve("u.jar"),
                TestJars.psvFormat(), TestJars.rowFileSink());
        registered(own, "with-undeclared", undeclared);

        JsonNode items = http.get(own + "/connectors").json().path("items");

        assertThat(each(items, "name")).containsExactly("kafka", "sequence", "with-undeclared");
        for (JsonNode item : items) {
            JsonNode current = http.get(own + "/connectors/" + item.path("name").asString() + "/versions/"
                    + item.path("currentVersion").asInt()).json();
            long warnings = current.path("analysis").path("findings").valueStream()
                    .filter(f -> f.path("severity").asString().equals("WARNING")).count();
            assertThat(item.path("updatedBy").asString()).as("updatedBy of %s", item.path("name"))
                    .isEqualTo(current.path("createdBy").asString()).startsWith("token:");
            assertThat(item.path("warnings").asLong()).as("warnings of %s", item.path("name")).isEqualTo(warnings);
        }
        assertThat(items.get(1).path("warnings").asInt()).as("sequence").isZero();
        assertThat(items.get(2).path("warnings").asInt()).as("with-undeclared: FACTORY_NOT_DECLARED").isPositive();
    }

    @Test
    void updatedByFollowsTheCurrentVersionThroughARollBack() {
        String own = newWorkspace();
        registered(own, "sequence", TestJars.sequenceV1());
        RegistryHttp developer = withRole(own, "developer");
        Answer updated = developer.postJar(own + "/connectors/sequence/versions", TestJars.sequenceV2());
        assertThat(updated.status()).as(updated.text()).isEqualTo(201);
        String admin = http.get(own + "/connectors/sequence/versions/1").json().path("createdBy").asString();
        String developerName = updated.json().path("version").path("createdBy").asString();

        JsonNode afterUpdate = http.get(own + "/connectors").json().path("items").get(0);
        assertThat(http.putJson(own + "/connectors/sequence/current", Map.of("version", 1, "force", true)).status()).isEqualTo(200);
        JsonNode afterRollBack = http.get(own + "/connectors").json().path("items").get(0);

        assertThat(developerName).startsWith("token:developer-").isNotEqualTo(admin);
        assertThat(afterUpdate.path("updatedBy").asString()).isEqualTo(developerName);
        assertThat(afterRollBack.path("updatedBy").asString()).isEqualTo(admin);
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @CsvSource(delimiter = ';', value = {
        "identifier=sequence; sequence",
        "identifier=upsert-kafka; kafka",
        "identifier=nope; ''",
        "family=catalog; memory",
        "family=decoding-format; psv",
        "family=format; psv",
        "family=table-connector; kafka row-file sequence",
        "capability=lookup; sequence",
        "capability=sink; kafka row-file",
        "family=table-connector&capability=source; kafka sequence",
        "q=SEQ; sequence",
        "q=seeded; memory",
        "q=file; row-file",
        "q=kafka; kafka",
        "q=zzz; ''"})
    void filtersConnectors(String query, String expected) {
        Answer answer = list(query);

        String[] names = expected.isEmpty() ? new String[0] : expected.split(" ");
        assertThat(names(answer)).containsExactly(names);
        assertThat(answer.json().path("total").asLong()).isEqualTo(names.length);
    }

    @Test
    void pagesThroughConnectorsWithTheTotal() {
        assertThat(names(list("size=2"))).containsExactly("kafka", "memory");
        assertThat(names(list("size=2&page=1"))).containsExactly("psv", "row-file");
        assertThat(names(list("size=2&page=2"))).containsExactly("sequence");
        Answer pastTheEnd = list("size=2&page=3");
        assertThat(names(pastTheEnd)).isEmpty();
        assertThat(pastTheEnd.json().path("total").asLong()).isEqualTo(5);
        assertThat(pastTheEnd.json().path("page").asInt()).isEqualTo(3);
        assertThat(pastTheEnd.json().path("size").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=201", "size=many", "page=-1"})
    void refusesInvalidPage(String query) {
        assertProblem(list(query), 400, "INVALID_REQUEST");
    }

    @Test
    void searchTextIsLiteralNotAPattern() {
        assertThat(names(list("q=%25"))).isEmpty();
        assertThat(names(list("q=_"))).isEmpty();
        assertThat(names(list("q=row_file"))).isEmpty();
        assertThat(names(list("capability=%25"))).isEmpty();
        assertThat(names(list("capability=s_nk"))).isEmpty();
    }

    @Test
    void showsAConnectorWithItsCurrentFactoriesAndOptions() {
        Answer answer = http.get(workspace + "/connectors/sequence");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode connector = answer.json();
        assertThat(connector.path("name").asString()).isEqualTo("sequence");
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(2);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(2);
        JsonNode factory = connector.path("current").path("analysis").path("factories").get(0);
        JsonNode step = factory.path("options").valueStream()
                .filter(o -> o.path("key").asString().equals("step")).findFirst().orElseThrow();
        assertThat(step.path("type").asString()).isEqualTo("Long");
        assertThat(step.path("defaultValue").asString()).isEqualTo("1");
        assertThat(step.path("required").asBoolean()).isFalse();
        assertThat(step.path("description").asString()).isNotBlank();
        assertProblem(http.get(workspace + "/connectors/nope"), 404, "CONNECTOR_NOT_FOUND");
    }

    private Answer list(String query) {
        return http.get(workspace + "/connectors" + (query.isEmpty() ? "" : "?" + query));
    }
}
