package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Registering connectors over REST (raw body and multipart form), and every way a registration is
 * refused.
 *
 * <p>Bad inputs tried: a JAR whose factory's static initialiser throws, a file that is not a ZIP,
 * a JAR declaring one identifier twice (and nothing else); an identifier another connector owns, an existing connector name (also three
 * registrations of three JARs under one name at once; the same JAR registered again, at once or
 * later, is not refused but answered with its version), no name, names with upper case, '_', a leading '-' and 129
 * characters, a text/plain body, a body without content type, an empty body, a form without a
 * {@code file} part, JSON without {@code url}, a malformed {@code sha256}, URLs on loopback,
 * localhost, IPv6 loopback, link-local metadata and file: (with the default URL policy), and
 * loopback written as {@code 0x7f.1}, {@code 2130706433}, {@code 127.1}, {@code 0177.0.0.1}, an
 * IPv4-mapped address in hex, a 6to4 and a Teredo address; the metadata address through NAT64; a
 * documentation address of each family.
 */
abstract class RegistrationApiTest extends RegistryApiTest {

    @Test
    void registersRawJarAsCurrentVersionOne() {
        String workspace = newWorkspace();
        String sha256 = sha256(bytes(TestJars.sequenceV1()));

        Answer answer = register(workspace, "sequence", TestJars.sequenceV1());

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo(workspace + "/connectors/sequence");
        JsonNode version = answer.json().path("version");
        assertThat(answer.json().path("created").asBoolean()).isTrue();
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("current").asBoolean()).isTrue();
        assertThat(version.path("sha256").asString()).isEqualTo(sha256);
        assertThat(version.path("size").asLong()).isEqualTo(bytes(TestJars.sequenceV1()).length);
        assertThat(version.path("sourceType").asString()).isEqualTo("UPLOAD");
        JsonNode factory = version.path("analysis").path("factories").get(0);
        assertThat(factory.path("identifier").asString()).isEqualTo("sequence");
        JsonNode rows = factory.path("options").valueStream()
                .filter(o -> o.path("key").asString().equals("number-of-rows")).findFirst().orElseThrow();
        assertThat(rows.path("required").asBoolean()).isTrue();
        assertThat(rows.path("type").asString()).isEqualTo("Long");
        assertThat(each(answer.json().path("diff").path("identifiersAdded"), "identifier")).containsExactly("sequence");
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(1);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(1);
        assertThat(http.get(workspace + "/jars/" + sha256).status()).isEqualTo(200);
    }

    @Test
    void registersMultipartFormWithFileAndName() {
        String workspace = newWorkspace();
        Multipart form = new Multipart().field("name", "psv").file("file", "psv-1.0.jar", bytes(TestJars.psvFormat()));

        Answer answer = http.post(workspace + "/connectors", form.contentType(), form.bytes());

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo(workspace + "/connectors/psv");
        JsonNode version = answer.json().path("version");
        assertThat(version.path("connector").asString()).isEqualTo("psv");
        assertThat(version.path("fileName").asString()).isEqualTo("psv-1.0.jar");
        assertThat(version.path("sha256").asString()).isEqualTo(sha256(bytes(TestJars.psvFormat())));
        assertThat(http.get(workspace + "/connectors/psv").status()).isEqualTo(200);
    }

    @Test
    void refusesRegistrationWithoutName() {
        String workspace = newWorkspace();

        Answer raw = http.postJar(workspace + "/connectors", TestJars.psvFormat());
        Multipart form = new Multipart().file("file", "psv.jar", bytes(TestJars.psvFormat()));
        Answer multipart = http.post(workspace + "/connectors", form.contentType(), form.bytes());

        for (Answer answer : List.of(raw, multipart)) {
            assertThat(assertProblem(answer, 400, "INVALID_REQUEST").path("detail").asString()).contains("name");
        }
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "with_underscore", "-leading-dash",
        "a12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void refusesInvalidConnectorName(String name) {
        String workspace = newWorkspace();

        Answer answer = register(workspace, name, TestJars.psvFormat());

        assertThat(assertProblem(answer, 400, "INVALID_REQUEST").path("detail").asString()).contains(name);
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @Test
    void refusesExistingConnectorName() {
        String workspace = newWorkspace();
        registered(workspace, "sink", TestJars.rowFileSink());

        Answer again = register(workspace, "sink", TestJars.psvFormat());

        assertThat(assertProblem(again, 409, "CONNECTOR_ALREADY_EXISTS").path("detail").asString()).contains("sink");
        assertThat(http.get(workspace + "/connectors/sink").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void registeringTheSameBytesAgainAnswersWithTheVersionTheyAreAndCreatesNothing() {
        String workspace = newWorkspace();
        JsonNode first = registered(workspace, "sequence", TestJars.sequenceV1());

        Answer again = register(workspace, "sequence", TestJars.sequenceV1());

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.header("Location")).isNull();
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(again.json().path("version").path("version").asInt()).isEqualTo(1);
        assertThat(again.json().path("version").path("sha256").asString()).isEqualTo(first.path("sha256").asString());
        assertThat(again.json().path("diff").path("identifiersAdded").isEmpty()).isTrue();
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void registeringTheBytesOfAnOlderVersionAnswersWithThatVersion() {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        assertThat(update(workspace, "sequence", TestJars.sequenceV2()).status()).isEqualTo(201);

        Answer again = register(workspace, "sequence", TestJars.sequenceV1());

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("version").path("version").asInt()).isEqualTo(1);
        assertThat(again.json().path("version").path("current").asBoolean()).isFalse();
        JsonNode connector = http.get(workspace + "/connectors/sequence").json();
        assertThat(connector.path("versionCount").asInt()).isEqualTo(2);
        assertThat(connector.path("currentVersion").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentRegistrationsOfOneJarUnderOneNameRegisterItOnce() {
        String workspace = newWorkspace();

        List<Answer> answers = concurrently(3, i -> register(workspace, "sequence", TestJars.sequenceV1()));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(2)
                .allSatisfy(a -> assertThat(a.json().path("created").asBoolean()).isFalse())
                .allSatisfy(a -> assertThat(a.json().path("version").path("version").asInt()).isEqualTo(1));
        assertThat(http.get(workspace + "/connectors/sequence").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfDifferentJarsUnderOneNameAreRefusedAsExistingConnector() {
        String workspace = newWorkspace();
        List<Path> jars = List.of(TestJars.sequenceV1(), TestJars.rowFileSink(), TestJars.psvFormat());

        List<Answer> answers = concurrently(3, i -> register(workspace, "shared", jars.get(i)));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(2)
                .allSatisfy(a -> assertProblem(a, 409, "CONNECTOR_ALREADY_EXISTS"))
                .allSatisfy(a -> assertThat(a.contentType()).startsWith(PROBLEM_JSON));
        assertThat(http.get(workspace + "/connectors/shared").json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesJarWhoseFactoryStaticInitialiserThrows() {
        String workspace = newWorkspace();

        Answer answer = register(workspace, "broken", TestJars.jar("broken-static-init-throws.jar"));

        JsonNode problem = assertProblem(answer, 422, "ANALYSIS_REFUSED");
        assertThat(each(problem.path("findings"), "code")).contains("FACTORY_STATIC_INIT_FAILED");
        assertThat(problem.path("factories").isArray()).isTrue();
        assertProblem(http.get(workspace + "/connectors/broken"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesFileThatIsNotAZip() {
        String workspace = newWorkspace();

        JsonNode problem = assertProblem(register(workspace, "html", TestJars.jar("broken-not-a-zip.jar")), 422,
                "ANALYSIS_REFUSED");

        assertThat(each(problem.path("findings"), "code")).contains("ARCHIVE_NOT_ZIP");
        assertProblem(http.get(workspace + "/connectors/html"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesJarDeclaringOneIdentifierTwice() {
        String workspace = newWorkspace();

        JsonNode problem = assertProblem(register(workspace, "twins", TestJars.jar("broken-duplicate-identifier.jar")),
                422, "ANALYSIS_REFUSED");

        assertThat(each(problem.path("findings"), "code")).contains("DUPLICATE_IDENTIFIER");
    }

    @Test
    void registersJdbcConnectorWithoutItsDuplicatedCatalogPair() {
        String workspace = newWorkspace();

        Answer created = register(workspace, "jdbc", TestJars.jar("flink-connector-jdbc.jar"));

        // Flink fails only CREATE CATALOG ... 'type'='jdbc' ("Multiple factories"): the table connector works.
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode version = created.json().path("version");
        // Only the table connector is claimed: the catalog pair is not.
        assertThat(each(created.json().path("diff").path("identifiersAdded"), "identifier")).containsExactly("jdbc");
        JsonNode duplicate = version.path("analysis").path("findings").valueStream()
                .filter(f -> f.path("code").asString().equals("DUPLICATE_IDENTIFIER")).findFirst().orElseThrow();
        assertThat(duplicate.path("severity").asString()).isEqualTo("ERROR");
        assertThat(duplicate.path("message").asString()).contains("jdbc", "CREATE CATALOG");
        assertThat(http.get(workspace + "/connectors/jdbc").status()).isEqualTo(200);
        assertThat(version.path("analysis").path("factories").valueStream()
                .filter(f -> f.path("failure").path("code").asString("").equals("DUPLICATE_IDENTIFIER")).count())
                .isEqualTo(2);
    }

    @Test
    void refusesIdentifierOwnedByAnotherConnectorOfTheWorkspace() {
        String workspace = newWorkspace();
        registered(workspace, "sequence-a", TestJars.sequenceV1());

        Answer answer = register(workspace, "sequence-b", TestJars.sequenceV2());

        JsonNode problem = assertProblem(answer, 409, "IDENTIFIER_ALREADY_REGISTERED");
        assertThat(problem.path("owner").asString()).isEqualTo("sequence-a");
        assertThat(problem.path("identifier").asString()).isEqualTo("sequence");
        assertThat(problem.path("family").asString()).isEqualTo("table-connector");
        assertProblem(http.get(workspace + "/connectors/sequence-b"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(registered(newWorkspace(), "sequence-b", TestJars.sequenceV2()).path("version").asInt())
                .as("identifiers are owned per workspace").isEqualTo(1);
    }

    @Test
    void refusesBodyThatIsNotAJar() {
        String workspace = newWorkspace();

        assertProblem(http.post(workspace + "/connectors?name=text", "text/plain", "hello".getBytes()), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.send(http.request(workspace + "/connectors?name=none")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(TestJars.psvFormat()))).build()),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @Test
    void refusesRequestWithoutJar() {
        String workspace = newWorkspace();
        Multipart nameOnly = new Multipart().field("name", "empty");

        assertProblem(http.post(workspace + "/connectors?name=empty", "application/java-archive", new byte[0]), 400,
                "MISSING_JAR");
        assertProblem(http.post(workspace + "/connectors", nameOnly.contentType(), nameOnly.bytes()), 400,
                "MISSING_JAR");
        assertProblem(http.postJson(workspace + "/connectors", body("name", "empty")), 400, "MISSING_JAR");
        assertThat(http.get(workspace + "/connectors").json().path("total").asLong()).isZero();
    }

    @Test
    void refusesMalformedExpectedChecksum() {
        Answer answer = http.postJson(newWorkspace() + "/connectors",
                body("name", "sums", "url", "https://example.com/a.jar", "sha256", "not-hex"));

        assertThat(assertProblem(answer, 400, "INVALID_REQUEST").path("detail").asString()).contains("sha256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/sequence.jar", "http://localhost:%d/sequence.jar",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]:%d/sequence.jar", "file:///etc/passwd",
        "http://0x7f.1:%d/sequence.jar", "http://2130706433:%d/sequence.jar", "http://127.1:%d/sequence.jar",
        "http://0177.0.0.1:%d/sequence.jar", "http://[::ffff:7f00:1]:%d/sequence.jar",
        "http://[2002:7f00:1::]:%d/sequence.jar", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:%d/sequence.jar",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "http://192.0.2.10/sequence.jar",
        "http://[2001:db8::10]/sequence.jar"})
    void refusesUrlsOnPrivateAddressesByDefault(String template) {
        String workspace = newWorkspace();
        int port = URI.create(http.baseUrl()).getPort();

        Answer answer = http.postJson(workspace + "/connectors", body("name", "internal", "url", template.formatted(port)));

        assertProblem(answer, 422, "URL_NOT_ALLOWED");
        assertProblem(http.get(workspace + "/connectors/internal"), 404, "CONNECTOR_NOT_FOUND");
    }
}
