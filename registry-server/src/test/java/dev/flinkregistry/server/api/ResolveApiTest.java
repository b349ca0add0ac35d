package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Resolving what a job needs (DESIGN rule 5) in a workspace with the sequence source (current
 * version 2), the row-file sink, the psv format and the seeded-memory catalog: pinned, absolute
 * download addresses of the exact bytes, built-ins, and leases.
 *
 * <p>Bad inputs tried: unknown identifiers, a known identifier in the wrong family, an empty
 * request, empty identifier lists and SQL without connectors, a blank and a null identifier, 201
 * identifiers, an identifier asked for in two families of which one is unknown, lease seconds 0, malformed JSON, SQL with an unclosed string literal and with an unclosed parenthesis,
 * an unknown workspace; listing leases of an unknown connector or workspace, with page size 0, 501
 * and not a number, and a negative page.
 */
abstract class ResolveApiTest extends RegistryApiTest {

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
    void resolvesIdentifiersToTheCurrentVersionsPinnedBytes() {
        Answer answer = resolve(body("identifiers", List.of(Map.of("identifier", "sequence"),
                Map.of("identifier", "row-file", "family", "table-connector"))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode resolution = answer.json();
        assertThat(resolution.path("flinkVersion").asString()).isEqualTo("1.20");
        assertThat(each(resolution.path("resolved"), "identifier")).containsExactly("sequence", "row-file");
        assertThat(each(resolution.path("resolved"), "connector")).containsExactly("sequence", "row-file");
        JsonNode sequence = resolution.path("resolved").get(0);
        assertThat(sequence.path("family").asString()).isEqualTo("table-connector");
        assertThat(sequence.path("version").asInt()).isEqualTo(2);
        assertThat(sequence.path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.sequenceV2())));
        assertThat(each(resolution.path("jars"), "connector")).containsExactly("sequence", "row-file");
        assertThat(resolution.path("builtIn").isEmpty()).isTrue();
        assertThat(resolution.path("lease").isNull()).isTrue();
    }

    /** Resolve answers are cached briefly; a roll back or a deleted version must show in the very next one. */
    @Test
    void answersWithTheNewCurrentVersionRightAfterARollBackAndADeletion() {
        String own = newWorkspace();
        registered(own, "sequence", TestJars.sequenceV1());
        assertThat(update(own, "sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
        Object request = body("identifiers", List.of(Map.of("identifier", "sequence")));
        assertThat(http.postJson(own + "/resolve", request).json().path("resolved").get(0).path("version").asInt())
                .isEqualTo(2);

        assertThat(http.putJson(own + "/connectors/sequence/current", Map.of("version", 1, "force", true)).status()).isEqualTo(200);
        assertThat(http.postJson(own + "/resolve", request).json().path("resolved").get(0).path("version").asInt())
                .as("right after the roll back").isEqualTo(1);

        assertThat(http.delete(own + "/connectors/sequence").status()).isEqualTo(204);
        assertProblem(http.postJson(own + "/resolve", request), 422, "UNRESOLVED_IDENTIFIERS");
    }

    @Test
    void handsOutAbsoluteUrlsThatDownloadTheExactBytes() {
        JsonNode jars = resolve(body("identifiers", List.of(Map.of("identifier", "sequence"),
                Map.of("identifier", "psv"), Map.of("identifier", "seeded-memory")))).json().path("jars");

        assertThat(jars.size()).isEqualTo(3);
        for (JsonNode jar : jars) {
            URI url = URI.create(jar.path("url").asString());
            assertThat(url.isAbsolute()).isTrue();
            assertThat(url.toString()).startsWith(http.baseUrl() + workspace + "/jars/");
            Answer download = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + http.token())
                    .GET().build());
            assertThat(download.status()).isEqualTo(200);
            assertThat(sha256(download.bytes())).isEqualTo(jar.path("sha256").asString());
            assertThat(download.bytes().length).isEqualTo(jar.path("size").asInt());
        }
    }

    @Test
    void resolvesWhatASqlScriptUses() {
        String sql = """
                CREATE TABLE numbers (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '10');
                CREATE TABLE lines (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/out', 'format' = 'psv');
                CREATE TABLE events (id BIGINT) WITH ('connector' = 'datagen', 'format' = 'json');
                CREATE CATALOG memory WITH ('type' = 'seeded-memory');
                INSERT INTO lines SELECT id FROM numbers;
                """;

        Answer answer = resolve(body("sql", sql));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode resolution = answer.json();
        assertThat(each(resolution.path("resolved"), "identifier"))
                .containsExactlyInAnyOrder("sequence", "psv", "seeded-memory");
        assertThat(each(resolution.path("resolved"), "connector")).containsExactlyInAnyOrder("sequence", "psv", "memory");
        assertThat(each(resolution.path("jars"), "connector")).containsExactlyInAnyOrder("sequence", "psv", "memory");
        assertThat(each(resolution.path("builtIn"), "identifier"))
                .containsExactlyInAnyOrder("filesystem", "datagen", "json");
    }

    @Test
    void resolvesEachFamilyOfAnIdentifierOnItsOwn() {
        Answer listed = resolve(body("identifiers", List.of(Map.of("identifier", "psv", "family", "format"),
                Map.of("identifier", "psv", "family", "catalog"))));
        Answer scripted = resolve(body("sql", """
                CREATE TABLE lines (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/out', 'format' = 'psv');
                CREATE CATALOG psv WITH ('type' = 'psv');
                """));

        for (Answer answer : List.of(listed, scripted)) {
            JsonNode problem = assertProblem(answer, 422, "UNRESOLVED_IDENTIFIERS");
            assertThat(problem.path("unresolved").valueStream()
                    .map(u -> u.path("identifier").asString() + "/" + u.path("family").asString()).toList())
                    .containsExactly("psv/catalog");
        }
    }

    @Test
    void reportsBuiltInIdentifiersWithoutJars() {
        Answer answer = resolve(body("identifiers", List.of(Map.of("identifier", "json", "family", "format"),
                Map.of("identifier", "filesystem"), Map.of("identifier", "datagen"))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(each(answer.json().path("builtIn"), "identifier")).containsExactly("json", "filesystem", "datagen");
        assertThat(answer.json().path("resolved").isEmpty()).isTrue();
        assertThat(answer.json().path("jars").isEmpty()).isTrue();
    }

    @Test
    void refusesUnknownIdentifiersListingThem() {
        Answer answer = resolve(body("identifiers", List.of(Map.of("identifier", "sequence"),
                Map.of("identifier", "nope"), Map.of("identifier", "psv", "family", "catalog"))));

        JsonNode problem = assertProblem(answer, 422, "UNRESOLVED_IDENTIFIERS");
        assertThat(problem.path("unresolved").valueStream()
                .map(u -> u.path("identifier").asString() + "/" + u.path("family").asString()).toList())
                .containsExactly("nope/any", "psv/catalog");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"identifiers\": []}", "{\"sql\": \"   \"}",
        "{\"sql\": \"SET 'parallelism.default' = '2'; SELECT 1;\"}"})
    void refusesRequestThatNamesNothing(String request) {
        assertProblem(resolve(request), 400, "NOTHING_TO_RESOLVE");
    }

    @Test
    void refusesInvalidRequests() {
        assertProblem(resolve(body("identifiers", List.of(Map.of("identifier", " ")))), 400, "INVALID_REQUEST");
        assertProblem(resolve(body("identifiers", List.of(Map.of("identifier", "sequence")), "jobId", "job",
                "leaseSeconds", 0)), 400, "INVALID_REQUEST");
        assertProblem(resolve("{\"identifiers\": [{\"identifier\": "), 400, "MALFORMED_REQUEST");
        assertProblem(resolve(body("identifiers", IntStream.range(0, 201)
                .mapToObj(i -> Map.of("identifier", "id-" + i)).toList())), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(WORKSPACES + "/nowhere/resolve", body("identifiers",
                List.of(Map.of("identifier", "sequence")))), 404, "WORKSPACE_NOT_FOUND");
    }

    @Test
    void refusesNullIdentifier() {
        assertProblem(resolve("{\"identifiers\": [null]}"), 400, "INVALID_REQUEST");
        assertProblem(resolve("{\"identifiers\": [{\"identifier\": \"sequence\"}, null]}"), 400, "INVALID_REQUEST");
    }

    @Test
    void refusesMalformedSqlWithTheLine() {
        JsonNode unclosedString = assertProblem(resolve(body("sql",
                "CREATE TABLE t (id INT) WITH ('connector' = 'sequence);")), 400, "INVALID_SQL");
        JsonNode unclosedParenthesis = assertProblem(resolve(body("sql",
                "SELECT 1;\nCREATE TABLE t (id INT WITH ('connector' = 'sequence');")), 400, "INVALID_SQL");

        assertThat(unclosedString.path("line").asInt()).isEqualTo(1);
        assertThat(unclosedParenthesis.path("line").asInt()).isEqualTo(2);
        assertThat(unclosedParenthesis.path("detail").asString()).contains("Line 2");
    }

    @Test
    void leasesTheResolvedVersionsForTheJob() {
        Instant before = Instant.now();

        JsonNode lease = resolve(body("identifiers", List.of(Map.of("identifier", "row-file")), "jobId", "job-42",
                "leaseSeconds", 3600)).json().path("lease");
        JsonNode defaultLease = resolve(body("identifiers", List.of(Map.of("identifier", "row-file")),
                "jobId", "job-43")).json().path("lease");

        assertThat(lease.path("jobId").asString()).isEqualTo("job-42");
        assertThat(Instant.parse(lease.path("expiresAt").asString()))
                .isCloseTo(before.plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        assertThat(Instant.parse(defaultLease.path("expiresAt").asString()))
                .as("the server's default lease duration, 24h")
                .isCloseTo(before.plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));
        assertProblem(http.delete(workspace + "/connectors/row-file"), 409, "VERSION_LEASED");
        assertThat(http.delete(workspace + "/leases/job-42").status()).isEqualTo(204);
        assertThat(http.delete(workspace + "/leases/job-43").status()).isEqualTo(204);
        assertThat(http.get(workspace + "/connectors/row-file").status()).isEqualTo(200);
    }

    @Test
    void listsRunningLeasesWithWhoTookThemAndTheVersionsTheyHold() {
        String own = newWorkspace();
        String admin = registered(own, "sequence", TestJars.sequenceV1()).path("createdBy").asString();
        assertThat(update(own, "sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
        registered(own, "psv", TestJars.psvFormat());
        RegistryHttp submitter = withRole(own, "submitter");
        Answer taken = lease(submitter, own, "job-b", 3600, "sequence", "psv");
        lease(http, own, "job-a", 7200, "psv");
        lease(http, own, "released", 3600, "sequence");
        assertThat(http.delete(own + "/leases/released").status()).isEqualTo(204);
        Instant expiring = Instant.parse(lease(http, own, "expiring", 1, "psv").json().path("lease")
                .path("expiresAt").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiring.plusMillis(100)));

        Answer all = http.get(own + "/leases");

        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(each(all.json().path("items"), "jobId")).as("soonest to expire first").containsExactly("job-b", "job-a");
        assertThat(all.json().path("total").asLong()).isEqualTo(2);
        JsonNode first = all.json().path("items").get(0);
        assertThat(first.path("principal").asString()).startsWith("token:submitter-");
        assertThat(Instant.parse(first.path("expiresAt").asString())).as("as stored, to the microsecond")
                .isCloseTo(Instant.parse(taken.json().path("lease").path("expiresAt").asString()),
                        within(1, ChronoUnit.MILLIS));
        assertThat(first.path("versions").valueStream().map(v -> v.path("connector").asString() + "/"
                + v.path("version").asInt()).toList()).containsExactly("psv/1", "sequence/2");
        assertThat(all.json().path("items").get(1).path("principal").asString()).isEqualTo(admin);

        Answer ofSequence = http.get(own + "/leases?connector=sequence");
        assertThat(each(ofSequence.json().path("items"), "jobId")).containsExactly("job-b");
        assertThat(ofSequence.json().path("items").get(0).path("versions").size()).as("with every version it holds")
                .isEqualTo(2);
        assertThat(each(http.get(own + "/leases?size=1&page=1").json().path("items"), "jobId")).containsExactly("job-a");
    }

    @Test
    void listsLeasesOnlyToCallersWithARoleInTheWorkspace() {
        String own = newWorkspace();
        registered(own, "psv", TestJars.psvFormat());
        lease(http, own, "job", 3600, "psv");

        assertThat(each(withRole(own, "viewer").get(own + "/leases").json().path("items"), "jobId"))
                .containsExactly("job");
        assertProblem(http.as(null).get(own + "/leases"), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(withRole(workspace, "admin").get(own + "/leases"), 403, "ACCESS_DENIED");
    }

    @Test
    void refusesInvalidLeaseListings() {
        assertProblem(http.get(workspace + "/leases?connector=nope"), 404, "CONNECTOR_NOT_FOUND");
        assertProblem(http.get(WORKSPACES + "/nowhere/leases"), 404, "WORKSPACE_NOT_FOUND");
        for (String query : List.of("size=0", "size=501", "size=many", "page=-1")) {
            assertProblem(http.get(workspace + "/leases?" + query), 400, "INVALID_REQUEST");
        }
    }

    private Answer lease(RegistryHttp as, String workspace, String jobId, int seconds, String... identifiers) {
        Answer answer = as.postJson(workspace + "/resolve", body("identifiers", Arrays.stream(identifiers)
                .map(identifier -> Map.of("identifier", identifier)).toList(), "jobId", jobId, "leaseSeconds", seconds));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    private Answer resolve(Object request) {
        return http.postJson(workspace + "/resolve", request);
    }
}
