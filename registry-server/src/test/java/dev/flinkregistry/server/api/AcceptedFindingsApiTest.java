package dev.flinkregistry.server.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 2's exception over real HTTP: a workspace admin registers or updates with a JAR the
 * analysis refuses by accepting its refusing findings on purpose ({@code acceptFindings} with an
 * {@code acceptReason}, as query parameters, multipart fields or JSON members); the acceptance (codes,
 * reason, who, when) is stored on the version, shown by every answer that shows the version, and
 * written to the audit log. Everything else is refused, and then nothing is stored.
 *
 * <p>The JARs are real ones merged ({@link JarVariants#merged}): the sample {@code sequence} source,
 * which loads, with the broken static-initialiser factory (refused only by
 * {@code FACTORY_STATIC_INIT_FAILED}), and also with a declared class that is not there
 * ({@code FACTORY_CLASS_MISSING} as well); the broken JAR alone adds {@code NO_LOADABLE_FACTORY}.
 *
 * <p>Bad inputs tried: acceptance by a developer (raw body, multipart fields, JSON members, update),
 * codes that can never be accepted ({@code NO_LOADABLE_FACTORY}, {@code ARCHIVE_NOT_ZIP},
 * {@code BUILTIN_IDENTIFIER}, {@code WORKER_TIMEOUT}, {@code WORKER_JAVA_TOO_OLD}) and codes that refuse
 * nothing (a warning, {@code DUPLICATE_IDENTIFIER}); an unknown code, a lower-case code, a number as a
 * JSON member; no reason, a blank reason, a reason of 501 characters, a reason with a line break, the
 * reason given twice, a reason without codes; an empty code list ({@code acceptFindings=} and
 * {@code acceptFindings=,,}); accepting only one of two refusing codes; accepting the only acceptable
 * code of a JAR in which no factory loads.
 */
abstract class AcceptedFindingsApiTest extends RegistryApiTest {

    private static final String STATIC_INIT = "FACTORY_STATIC_INIT_FAILED";
    private static final String CLASS_MISSING = "FACTORY_CLASS_MISSING";
    private static final String REASON = "Vendor release 3.2.0 — its pool factory is unused here, and we cannot rebuild it";

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private Path jars;
    /** {@code sequence} loads; refused only by {@code FACTORY_STATIC_INIT_FAILED}. */
    private Path oneRefusal;
    /** {@code sequence} loads; refused by {@code FACTORY_STATIC_INIT_FAILED} and {@code FACTORY_CLASS_MISSING}. */
    private Path twoRefusals;
    /** Version 2 of {@code sequence}, refused only by {@code FACTORY_STATIC_INIT_FAILED}. */
    private Path secondVersion;
    private WireMockServer jarHost;

    @Override
    Map<String, Object> settings() {
        return Map.of("registry.urls.allow-private-addresses", "true");
    }

    @BeforeAll
    void prepare() throws IOException {
        jars = Files.createTempDirectory("accepted-findings-");
        Path broken = TestJars.jar("broken-static-init-throws.jar");
        oneRefusal = JarVariants.merged(jars.resolve("one.jar"), List.of(TestJars.sequenceV1(), broken));
        twoRefusals = JarVariants.merged(jars.resolve("two.jar"), List.of(TestJars.sequenceV1(), broken),
                "dev.flinkregistry.samples.broken.missing.GoneFactory");
        secondVersion = JarVariants.merged(jars.resolve("second.jar"), List.of(TestJars.sequenceV2(), broken));
        jarHost = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().jettyStopTimeout(100L));
        jarHost.start();
    }

    @AfterAll
    void cleanUp() {
        if (jarHost != null) {
            jarHost.stop();
        }
        if (jars != null) {
            FileSystemUtils.deleteRecursively(jars.toFile());
        }
    }

    @BeforeEach
    void forgetRequests() {
        jarHost.resetAll();
    }

    @Test
    void refusalSaysWhichFindingsAnAdminMayAccept() {
        String workspace = newWorkspace();

        JsonNode problem = assertProblem(register(workspace, "pool", oneRefusal), 422, "ANALYSIS_REFUSED");

        assertThat(strings(problem.path("refusingCodes"))).containsExactly(STATIC_INIT);
        assertThat(problem.path("acceptable").asBoolean()).isTrue();
        assertThat(problem.path("detail").asString()).contains("A workspace admin may register it anyway",
                "acceptFindings=" + STATIC_INIT);
        assertNothingRegistered(workspace);
    }

    @Test
    void adminRegistersDespiteAcceptedFindingAndEveryViewOfTheVersionShowsTheAcceptance() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");
        Instant before = Instant.now().minusSeconds(1);

        Answer answer = admin.postJar(workspace + "/connectors?name=pool" + accepting(STATIC_INIT, REASON), oneRefusal);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode version = answer.json().path("version");
        String acceptor = admin.get("/api/v1/whoami").json().path("name").asString();
        assertAcceptance(version.path("acceptance"), List.of(STATIC_INIT), REASON, acceptor, before);
        assertThat(version.path("analysis").path("accepted").asBoolean()).as("the analysis's own verdict").isFalse();
        assertThat(each(answer.json().path("diff").path("identifiersAdded"), "identifier")).containsExactly("sequence");
        assertAcceptance(http.get(workspace + "/connectors/pool/versions/1").json().path("acceptance"),
                List.of(STATIC_INIT), REASON, acceptor, before);
        JsonNode listed = http.get(workspace + "/connectors/pool/versions").json().get(0);
        assertThat(listed.path("analysis").isNull()).isTrue();
        assertAcceptance(listed.path("acceptance"), List.of(STATIC_INIT), REASON, acceptor, before);
        assertAcceptance(http.get(workspace + "/connectors/pool").json().path("current").path("acceptance"),
                List.of(STATIC_INIT), REASON, acceptor, before);
        JsonNode entry = auditOf(workspace, "pool").get(0);
        assertThat(entry.path("action").asString() + " " + entry.path("outcome").asString())
                .isEqualTo("connector.register SUCCESS");
        assertThat(entry.path("principal").asString()).isEqualTo(acceptor);
        assertThat(entry.path("details").asString()).contains("acceptedFindings=[" + STATIC_INIT + "]",
                "acceptReason=\"" + REASON + "\"");
        Answer resolved = http.postJson(workspace + "/resolve", Map.of("identifiers", List.of(Map.of("identifier",
                "sequence"))));
        assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
    }

    @Test
    void adminUpdatesDespiteAcceptedFindingWithAReasonOfTheLongestLength() {
        String workspace = newWorkspace();
        registered(workspace, "pool", TestJars.sequenceV1());
        RegistryHttp admin = as(workspace, "admin");
        String longest = "r".repeat(500);

        Answer answer = admin.postJar(workspace + "/connectors/pool/versions?acceptFindings=" + STATIC_INIT
                + "&acceptReason=" + longest, secondVersion);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().path("version").path("version").asInt()).isEqualTo(2);
        assertThat(strings(answer.json().path("version").path("acceptance").path("codes"))).containsExactly(STATIC_INIT);
        List<JsonNode> versions = http.get(workspace + "/connectors/pool/versions").json().valueStream().toList();
        assertThat(versions.get(0).path("acceptance").isNull()).as("version 1 accepted nothing").isTrue();
        assertThat(versions.get(1).path("acceptance").path("reason").asString()).isEqualTo(longest);
        JsonNode entry = auditOf(workspace, "pool").get(0);
        assertThat(entry.path("action").asString()).isEqualTo("version.create");
        assertThat(entry.path("details").asString()).contains("acceptedFindings=[" + STATIC_INIT + "]", longest);
    }

    @Test
    void acceptsFindingsSentAsMultipartFieldsOrJsonMembers() {
        String workspace = newWorkspace();
        Multipart form = new Multipart().field("name", "from-form").field("acceptFindings", STATIC_INIT)
                .field("acceptReason", "cannot rebuild").file("file", "pool.jar", bytes(oneRefusal));

        Answer multipart = http.post(workspace + "/connectors", form.contentType(), form.bytes());

        assertThat(multipart.status()).as(multipart.text()).isEqualTo(201);
        assertThat(strings(multipart.json().path("version").path("acceptance").path("codes"))).containsExactly(STATIC_INIT);
        assertThat(multipart.json().path("version").path("acceptance").path("acceptedBy").asString())
                .as("a platform administrator is an admin of every workspace")
                .isEqualTo(http.get("/api/v1/whoami").json().path("name").asString());

        String other = newWorkspace();
        serve("/releases/two.jar", bytes(twoRefusals));
        Answer json = http.postJson(other + "/connectors", body("name", "from-url", "url", url("/releases/two.jar"),
                "acceptFindings", List.of(STATIC_INIT, CLASS_MISSING), "acceptReason", "third-party release"));

        assertThat(json.status()).as(json.text()).isEqualTo(201);
        JsonNode acceptance = json.json().path("version").path("acceptance");
        assertThat(strings(acceptance.path("codes"))).containsExactly(CLASS_MISSING, STATIC_INIT);
        assertThat(acceptance.path("reason").asString()).isEqualTo("third-party release");

        serve("/releases/one.jar", bytes(oneRefusal));
        Answer commaSeparated = http.postJson(newWorkspace() + "/connectors", body("name", "from-url", "url",
                url("/releases/one.jar"), "acceptFindings", STATIC_INIT + ", " + CLASS_MISSING, "acceptReason", "ok"));
        assertThat(commaSeparated.status()).as(commaSeparated.text()).isEqualTo(201);
    }

    @Test
    void recordsOnlyTheCodesThatRefusedTheJar() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");

        Answer clean = admin.postJar(workspace + "/connectors?name=clean" + accepting(CLASS_MISSING, REASON),
                TestJars.psvFormat());
        Answer more = admin.postJar(workspace + "/connectors?name=pool&acceptFindings=" + STATIC_INIT
                + "&acceptFindings=" + CLASS_MISSING + "&acceptReason=just-in-case", oneRefusal);

        assertThat(clean.status()).as(clean.text()).isEqualTo(201);
        assertThat(clean.json().path("version").path("acceptance").isNull()).as("nothing refused it").isTrue();
        assertThat(auditOf(workspace, "clean").get(0).path("details").asString()).doesNotContain("accept");
        assertThat(more.status()).as(more.text()).isEqualTo(201);
        assertThat(strings(more.json().path("version").path("acceptance").path("codes"))).containsExactly(STATIC_INIT);
    }

    @Test
    void theDatabaseKeepsAnAcceptanceWholeOrNotAtAll() throws SQLException {
        String workspace = newWorkspace();
        long accepted = registered(workspace, "pool", oneRefusal, accepting(STATIC_INIT, REASON));
        long plain = registered(workspace, "plain", TestJars.psvFormat(), "");

        try (Connection db = registry.bean(DataSource.class).getConnection()) {
            try (PreparedStatement row = db.prepareStatement("select accepted_findings, accept_reason, accepted_by, "
                    + "accepted_at from connector_version where id = ?")) {
                row.setLong(1, accepted);
                try (ResultSet result = row.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo(STATIC_INIT);
                    assertThat(result.getString(2)).isEqualTo(REASON);
                    assertThat(result.getString(3)).startsWith("token:admin-");
                    assertThat(result.getTimestamp(4)).isNotNull();
                }
            }
            for (String half : List.of("accept_reason = 'why'", "accepted_findings = null")) {
                try (PreparedStatement update = db.prepareStatement("update connector_version set " + half
                        + " where id = ?")) {
                    update.setLong(1, half.startsWith("accept_reason") ? plain : accepted);
                    assertThatThrownBy(update::executeUpdate).as(half).isInstanceOf(SQLException.class);
                }
            }
        }
        assertThat(http.get(workspace + "/connectors/plain/versions/1").json().path("acceptance").isNull()).isTrue();
        assertThat(http.get(workspace + "/connectors/pool/versions/1").json().path("acceptance").path("reason")
                .asString()).isEqualTo(REASON);
    }

    @Test
    void refusesAJarWhoseRefusingFindingsAreOnlyPartlyAcceptedAndNamesTheRest() throws IOException {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");
        List<Path> blobs = storedBlobs();

        JsonNode problem = assertProblem(admin.postJar(workspace + "/connectors?name=pool"
                + accepting(STATIC_INIT, REASON), twoRefusals), 422, "ANALYSIS_REFUSED");

        assertThat(strings(problem.path("refusingCodes"))).containsExactly(CLASS_MISSING);
        assertThat(problem.path("acceptable").asBoolean()).isTrue();
        assertThat(problem.path("detail").asString()).contains("Accepted as asked: " + STATIC_INIT,
                "still refusing: " + CLASS_MISSING, "acceptFindings=" + CLASS_MISSING);
        assertNothingRegistered(workspace);
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(blobs);
        JsonNode refused = auditOf(workspace, null).get(0);
        assertThat(refused.path("action").asString() + " " + refused.path("outcome").asString() + " "
                + refused.path("details").asString()).isEqualTo("connector.register REFUSED code=ANALYSIS_REFUSED");

        Answer both = admin.postJar(workspace + "/connectors?name=pool&acceptFindings=" + STATIC_INIT + ","
                + CLASS_MISSING + "&acceptReason=both", twoRefusals);
        assertThat(both.status()).as(both.text()).isEqualTo(201);
        assertThat(strings(both.json().path("version").path("acceptance").path("codes")))
                .containsExactly(CLASS_MISSING, STATIC_INIT);
    }

    @Test
    void refusesAJarInWhichNoFactoryLoadsWhateverIsAccepted() {
        String workspace = newWorkspace();

        JsonNode problem = assertProblem(as(workspace, "admin").postJar(workspace + "/connectors?name=boom"
                + accepting(STATIC_INIT, REASON), TestJars.jar("broken-static-init-throws.jar")), 422, "ANALYSIS_REFUSED");

        assertThat(strings(problem.path("refusingCodes"))).containsExactly("NO_LOADABLE_FACTORY");
        assertThat(problem.path("acceptable").asBoolean()).isFalse();
        assertThat(problem.path("detail").asString()).contains("NO_LOADABLE_FACTORY is never accepted");
        assertNothingRegistered(workspace);
    }

    @Test
    void refusesAcceptanceByACallerWhoIsNotAnAdminBeforeReceivingTheJar() throws IOException {
        String workspace = newWorkspace();
        registered(workspace, "existing", TestJars.sequenceV1());
        RegistryHttp developer = as(workspace, "developer");
        List<Path> blobs = storedBlobs();
        serve("/releases/one.jar", bytes(oneRefusal));
        Multipart form = new Multipart().field("name", "pool").field("acceptFindings", STATIC_INIT)
                .field("acceptReason", REASON).file("file", "pool.jar", bytes(oneRefusal));

        List<Answer> answers = List.of(
                developer.postJar(workspace + "/connectors?name=pool" + accepting(STATIC_INIT, REASON), oneRefusal),
                developer.post(workspace + "/connectors", form.contentType(), form.bytes()),
                developer.postJson(workspace + "/connectors", body("name", "pool", "url", url("/releases/one.jar"),
                        "acceptFindings", STATIC_INIT, "acceptReason", REASON)),
                developer.postJar(workspace + "/connectors/existing/versions?acceptReason=x", secondVersion),
                // Even a request whose codes are bad: who may ask comes first.
                developer.postJar(workspace + "/connectors?name=pool&acceptFindings=NOT_A_CODE", oneRefusal));

        for (Answer answer : answers) {
            JsonNode problem = assertProblem(answer, 403, "ACCESS_DENIED");
            assertThat(problem.path("requiredRole").asString()).isEqualTo("admin");
        }
        jarHost.verify(0, anyRequestedFor(anyUrl()));
        assertNothingRegistered(workspace, "existing");
        assertThat(http.get(workspace + "/connectors/existing").json().path("versionCount").asInt()).isEqualTo(1);
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(blobs);
        assertThat(auditOf(workspace, null)).filteredOn(entry -> !entry.path("outcome").asString().equals("SUCCESS"))
                .extracting(entry -> entry.path("action").asString() + " " + entry.path("outcome").asString() + " "
                        + entry.path("details").asString())
                .containsExactly("connector.register DENIED code=ACCESS_DENIED", "version.create DENIED code=ACCESS_DENIED",
                        "connector.register DENIED code=ACCESS_DENIED", "connector.register DENIED code=ACCESS_DENIED",
                        "connector.register DENIED code=ACCESS_DENIED");
        assertThat(developer.postJar(workspace + "/connectors?name=pool", TestJars.psvFormat()).status())
                .as("the same developer registers without accepting anything").isEqualTo(201);
    }

    @Test
    void refusesCodesThatCanNeverBeAcceptedOrRefuseNothing() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");

        for (String code : List.of("NO_LOADABLE_FACTORY", "ARCHIVE_NOT_ZIP", "BUILTIN_IDENTIFIER", "WORKER_TIMEOUT",
                "WORKER_JAVA_TOO_OLD", "NO_FACTORY_SERVICES", "UNRELOCATED_LIBRARY", "DUPLICATE_IDENTIFIER")) {
            JsonNode problem = assertProblem(admin.postJar(workspace + "/connectors?name=boom&acceptFindings="
                    + STATIC_INIT + "," + code + "&acceptReason=x", TestJars.jar("broken-static-init-throws.jar")),
                    400, "FINDING_NOT_ACCEPTABLE");
            assertThat(strings(problem.path("codes"))).as(code).containsExactly(code);
            assertThat(problem.path("detail").asString()).contains(code);
        }
        assertNothingRegistered(workspace);
    }

    @Test
    void refusesNamesThatAreNoFindingCode() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");

        JsonNode unknown = assertProblem(admin.postJar(workspace + "/connectors?name=pool"
                + accepting("NOT_A_CODE", REASON), oneRefusal), 400, "UNKNOWN_FINDING_CODE");
        JsonNode lowerCase = assertProblem(admin.postJar(workspace + "/connectors?name=pool"
                + accepting(STATIC_INIT.toLowerCase(java.util.Locale.ROOT), REASON), oneRefusal), 400,
                "UNKNOWN_FINDING_CODE");
        JsonNode number = assertProblem(admin.postJson(workspace + "/connectors", "{\"name\": \"pool\", \"url\": \""
                + url("/releases/none.jar") + "\", \"acceptFindings\": 5, \"acceptReason\": \"x\"}"), 400,
                "UNKNOWN_FINDING_CODE");

        assertThat(strings(unknown.path("codes"))).containsExactly("NOT_A_CODE");
        assertThat(lowerCase.path("detail").asString()).contains("did you mean " + STATIC_INIT);
        assertThat(strings(number.path("codes"))).containsExactly("5");
        jarHost.verify(0, anyRequestedFor(anyUrl()));
        assertNothingRegistered(workspace);
    }

    @Test
    void refusesAcceptanceWithoutAReason() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");

        assertProblem(admin.postJar(workspace + "/connectors?name=pool&acceptFindings=" + STATIC_INIT, oneRefusal),
                400, "ACCEPT_REASON_REQUIRED");
        assertProblem(admin.postJar(workspace + "/connectors?name=pool&acceptFindings=" + STATIC_INIT
                + "&acceptReason=%20%20", oneRefusal), 400, "ACCEPT_REASON_REQUIRED");
        assertProblem(admin.postJar(workspace + "/connectors/pool/versions?acceptFindings=" + STATIC_INIT, oneRefusal),
                400, "ACCEPT_REASON_REQUIRED");
        assertNothingRegistered(workspace);
    }

    @Test
    void refusesMalformedAcceptanceFields() {
        String workspace = newWorkspace();
        RegistryHttp admin = as(workspace, "admin");
        String connectors = workspace + "/connectors?name=pool";

        for (String query : List.of("&acceptFindings=&acceptReason=x", "&acceptFindings=,,&acceptReason=x",
                accepting(STATIC_INIT, "r".repeat(501)), accepting(STATIC_INIT, "two\nlines"),
                "&acceptFindings=" + STATIC_INIT + "&acceptReason=a&acceptReason=b", "&acceptReason=why")) {
            JsonNode problem = assertProblem(admin.postJar(connectors + query, oneRefusal), 400, "INVALID_REQUEST");
            assertThat(problem.path("detail").asString()).as(query).containsAnyOf("acceptFindings", "acceptReason");
        }
        assertNothingRegistered(workspace);
    }

    /** Registers as the workspace's admin and returns the version's row id. */
    private long registered(String workspace, String name, Path jar, String acceptance) {
        Answer answer = as(workspace, "admin").postJar(workspace + "/connectors?name=" + name + acceptance, jar);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        try (Connection db = registry.bean(DataSource.class).getConnection();
             PreparedStatement id = db.prepareStatement("select v.id from connector_version v join connector c "
                     + "on v.connector_id = c.id join workspace w on c.workspace_id = w.id "
                     + "where w.name = ? and c.name = ? and v.version = 1")) {
            id.setString(1, workspace.substring(workspace.lastIndexOf('/') + 1));
            id.setString(2, name);
            try (ResultSet result = id.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code &acceptFindings=…&acceptReason=…}, encoded. */
    private static String accepting(String codes, String reason) {
        return "&acceptFindings=" + encode(codes) + "&acceptReason=" + encode(reason);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A client with a new token of this role in the workspace (a path such as {@code /api/v1/workspaces/ws-3}). */
    private RegistryHttp as(String workspace, String role) {
        String name = workspace.substring(workspace.lastIndexOf('/') + 1);
        Answer created = http.postJson("/api/v1/tokens", Map.of("name", role + "-" + name + "-"
                + TOKENS.incrementAndGet(), "workspace", name, "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return http.as(created.json().path("token").asString());
    }

    /** The workspace's audit entries about the connector (null: all of them), newest first. */
    private List<JsonNode> auditOf(String workspace, String connector) {
        Answer log = http.get(workspace + "/audit" + (connector == null ? "" : "?connector=" + connector));
        assertThat(log.status()).as(log.text()).isEqualTo(200);
        return log.json().valueStream().toList();
    }

    private void assertNothingRegistered(String workspace, String... existing) {
        assertThat(names(http.get(workspace + "/connectors"))).containsExactlyInAnyOrder(existing);
    }

    private static void assertAcceptance(JsonNode acceptance, List<String> codes, String reason, String by,
                                         Instant notBefore) {
        assertThat(strings(acceptance.path("codes"))).containsExactlyElementsOf(codes);
        assertThat(acceptance.path("reason").asString()).isEqualTo(reason);
        assertThat(acceptance.path("acceptedBy").asString()).isEqualTo(by);
        assertThat(Instant.parse(acceptance.path("acceptedAt").asString())).isAfter(notBefore)
                .isBefore(Instant.now().plusSeconds(1));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private void serve(String path, byte[] jar) {
        jarHost.stubFor(get(path).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/java-archive").withBody(jar)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + jarHost.port() + path;
    }
}
