package dev.flinkregistry.server.contract;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.Severity;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.upload.JarSource;
import dev.flinkregistry.server.validate.ValidationCode;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * openapi.yaml at the repository root is the REST contract, and it must not drift from the code.
 * A real server serves the file unchanged; the file has every operation, success status and record
 * that springdoc reads from the controllers ({@code /v3/api-docs}), and every error code the server
 * sends; Swagger UI shows the file.
 *
 * <p>HEAD: the file documents HEAD exactly where a controller maps it explicitly (the downloads,
 * whose HEAD answers differ from GET's). Spring also answers HEAD for every other GET; that
 * implicit HEAD is not part of the contract. Springdoc lists the explicit HEADs (and may stop
 * doing so), so HEAD is compared loosely: every HEAD springdoc lists is in the file, and every
 * HEAD in the file sits on a GET.
 */
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("..", "openapi.yaml");
    private static final String API = "/api/v1";

    /**
     * Springdoc cannot see the status a returned {@code ResponseEntity} carries, so it reports
     * {@code 200} where the server answers {@code 201} or {@code 204}. The file documents what the
     * server answers, which {@link #answersOnlyWithDocumentedStatuses()} checks against a real one.
     */
    private static final Map<String, String> STATUS_SPRINGDOC_CANNOT_SEE = Map.of(
            "POST /api/v1/workspaces", "201",
            "DELETE /api/v1/workspaces/{*}/connectors/{*}", "204",
            "DELETE /api/v1/workspaces/{*}/connectors/{*}/versions/{*}", "204",
            "DELETE /api/v1/workspaces/{*}/leases/{*}", "204",
            "DELETE /api/v1/session", "204",
            "POST /api/v1/tokens", "201",
            "DELETE /api/v1/workspaces/{*}/members/{*}", "204");

    /** Records springdoc names after the Java type whose file schema has a name of its own. */
    private static final Map<String, String> RENAMED_SCHEMAS = Map.of(
            "WorkspaceInfo", "Workspace",
            "PageConnectorSummary", "ConnectorSummaryPage");

    private static RunningRegistry registry;
    private static OpenApiDocument contract;
    private static OpenApiDocument generated;

    @BeforeAll
    static void startServer() throws IOException {
        registry = RunningRegistry.startFresh(Map.of());
        contract = OpenApiDocument.fromYaml(Files.readAllBytes(CONTRACT));
        Answer apiDocs = registry.http().get("/v3/api-docs");
        assertThat(apiDocs.status()).as("springdoc's /v3/api-docs").isEqualTo(200);
        generated = OpenApiDocument.fromJson(apiDocs.json());
    }

    @AfterAll
    static void stopServer() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void servesTheRepositoryFileByteForByte() throws IOException {
        Answer served = registry.http().get("/openapi.yaml");

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.bytes()).as("GET /openapi.yaml is %s, unchanged", CONTRACT.toAbsolutePath().normalize())
                .isEqualTo(Files.readAllBytes(CONTRACT));
    }

    @Test
    void isAWellFormedOpenApi31Document() {
        JsonNode root = contract.root();
        assertThat(root.path("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(root.path("info").path("title").asString()).isNotBlank();
        assertThat(root.path("info").path("version").asString()).isEqualTo("0.1.0");
        assertThat(OpenApiDocument.strings(root.path("servers").findValues("url"))).as("relative: the serving registry")
                .containsExactly("/");
        assertThat(contract.refs()).isNotEmpty().allSatisfy(ref -> assertThat(contract.target(ref).isMissingNode())
                .as("$ref %s resolves to a component", ref).isFalse());
        assertThat(contract.refs()).allSatisfy(ref -> assertThat(ref).startsWith("#/components/"));

        Set<String> operationIds = new TreeSet<>();
        for (String operation : contract.operations("/")) {
            JsonNode node = contract.operation(operation);
            assertThat(operationIds.add(node.path("operationId").asString(""))).as("unique operationId of %s",
                    operation).isTrue();
            assertThat(contract.statuses(operation)).as("%s has a success response", operation)
                    .anyMatch(status -> status.startsWith("2"));
            contract.statuses(operation).stream().filter(status -> status.matches("[45]..|default"))
                    .forEach(status -> assertAnswersWithAProblem(operation, status));
        }
        for (String operation : contract.operations("/")) {
            assertThat(contract.pathParameters(operation)).as("path parameters of %s", operation)
                    .isEqualTo(contract.templateVariables(operation));
        }
    }

    @Test
    void documentsEveryOperationTheServerServes() {
        Set<String> served = generated.operations(API);
        Set<String> documented = contract.operations(API);

        assertThat(documented).isNotEmpty();
        assertThat(withoutHead(documented)).as("operations in openapi.yaml, compared with /v3/api-docs")
                .containsExactlyInAnyOrderElementsOf(withoutHead(served));
        assertThat(documented).as("HEAD operations springdoc lists").containsAll(onlyHead(served));
        assertThat(onlyHead(documented)).as("every documented HEAD has its GET")
                .allSatisfy(head -> assertThat(documented).contains(head.replaceFirst("^HEAD ", "GET ")));
    }

    @Test
    void documentsTheSuccessStatusesTheServerDeclares() {
        for (String operation : generated.operations(API)) {
            Set<String> declared = generated.statuses(operation).stream().filter(s -> s.matches("[23]..")).collect(
                    Collectors.toCollection(TreeSet::new));
            String hidden = STATUS_SPRINGDOC_CANNOT_SEE.get(operation);
            if (hidden == null) {
                assertThat(contract.statuses(operation)).as("success statuses of %s", operation).containsAll(declared);
            } else {
                assertThat(declared).as("springdoc still reports 200 for %s; if it now sees %s, drop the exception",
                        operation, hidden).containsExactly("200");
                assertThat(contract.statuses(operation)).as("success statuses of %s", operation).contains(hidden)
                        .doesNotContain("200");
            }
        }
    }

    @Test
    void describesEveryRecordTheServerReturnsOrAccepts() {
        for (String schema : generated.schemaNames()) {
            String documented = RENAMED_SCHEMAS.getOrDefault(schema, schema);
            assertThat(contract.schemaNames()).as("schema for the record %s", schema).contains(documented);
            assertThat(contract.properties(documented)).as("properties of %s", documented)
                    .containsExactlyInAnyOrderElementsOf(generated.properties(schema));
        }
    }

    @Test
    void enumeratesEveryProblemCodeTheServerSends() throws IOException {
        assertThat(contract.enumOf("Problem", "code")).as("Problem.code in openapi.yaml, compared with the server's codes")
                .containsExactlyInAnyOrderElementsOf(problemCodesInSource());
    }

    @Test
    void enumeratesTheCodesOfFindingsAndValidationProblems() {
        assertThat(contract.enumOf("Finding", "code")).containsExactlyInAnyOrderElementsOf(names(FindingCode.values()));
        assertThat(contract.enumOf("ValidationProblem", "code"))
                .containsExactlyInAnyOrderElementsOf(names(ValidationCode.values()));
        assertThat(contract.enumOf("Severity", null)).containsExactlyInAnyOrderElementsOf(names(Severity.values()));
        assertThat(contract.enumOf("VersionView", "sourceType"))
                .containsExactlyInAnyOrderElementsOf(names(JarSource.Type.values()));
    }

    @Test
    void answersOnlyWithDocumentedStatuses() {
        RegistryHttp http = registry.http();
        String workspaces = API + "/workspaces";
        expect(201, "POST", workspaces, http.postJson(workspaces, Map.of("name", "contract", "flinkVersion", "2.2")));
        expect(409, "POST", workspaces, http.postJson(workspaces, Map.of("name", "contract", "flinkVersion", "2.2")));
        expect(400, "POST", workspaces, http.postJson(workspaces, Map.of("name", "Contract", "flinkVersion", "")));
        expect(404, "GET", workspaces + "/missing", http.get(workspaces + "/missing"));
        expect(200, "POST", DEFAULT + "/analysis",
                http.postJar(DEFAULT + "/analysis", TestJars.jar("broken-not-a-zip.jar")));

        String connectors = DEFAULT + "/connectors";
        Answer registered = expect(201, "POST", connectors + "?name=sequence",
                http.register("sequence", TestJars.sequenceV1()));
        expect(200, "POST", connectors + "?name=sequence", http.register("sequence", TestJars.sequenceV1()));
        String sha256 = registered.json().path("version").path("sha256").asString();
        expect(415, "POST", connectors + "?name=other", http.post(connectors + "?name=other", "text/plain", new byte[1]));
        String versions = connectors + "/sequence/versions";
        expect(201, "POST", versions, http.update("sequence", TestJars.sequenceV2()));
        expect(200, "POST", versions, http.update("sequence", TestJars.sequenceV2()));
        expect(200, "GET", versions, http.get(versions));
        expect(200, "GET", connectors + "/sequence/diff?from=1&to=2", http.get(connectors + "/sequence/diff?from=1&to=2"));
        expect(400, "GET", connectors + "/sequence/diff?from=1", http.get(connectors + "/sequence/diff?from=1"));

        String jar = DEFAULT + "/jars/" + sha256;
        expect(200, "GET", jar, http.get(jar));
        expect(200, "HEAD", jar, http.head(jar));
        expect(304, "GET", jar, http.get(jar, "If-None-Match", "\"" + sha256 + "\""));
        expect(412, "GET", jar, http.get(jar, "If-Match", "W/\"" + sha256 + "\""));
        expect(206, "GET", versions + "/1/jar", http.get(versions + "/1/jar", "Range", "bytes=0-9"));
        expect(416, "GET", jar, http.get(jar, "Range", "bytes=999999999-"));

        expect(200, "POST", DEFAULT + "/resolve", http.postJson(DEFAULT + "/resolve",
                Map.of("identifiers", java.util.List.of(Map.of("identifier", "sequence")), "jobId", "contract-job")));
        expect(200, "GET", DEFAULT + "/leases", http.get(DEFAULT + "/leases?connector=sequence"));
        expect(404, "GET", DEFAULT + "/leases", http.get(DEFAULT + "/leases?connector=missing"));
        expect(400, "GET", DEFAULT + "/leases", http.get(DEFAULT + "/leases?size=501"));
        expect(400, "POST", DEFAULT + "/validate", http.postJson(DEFAULT + "/validate", Map.of()));
        expect(409, "PUT", connectors + "/sequence/current",
                http.putJson(connectors + "/sequence/current", Map.of("version", 1)));
        expect(200, "PUT", connectors + "/sequence/current",
                http.putJson(connectors + "/sequence/current", Map.of("version", 1, "force", true)));
        expect(409, "DELETE", versions + "/2", http.delete(versions + "/2"));
        expect(204, "DELETE", DEFAULT + "/leases/contract-job", http.delete(DEFAULT + "/leases/contract-job"));
        expect(204, "DELETE", versions + "/2", http.delete(versions + "/2"));
        expect(204, "DELETE", connectors + "/sequence", http.delete(connectors + "/sequence"));
        expect(404, "GET", connectors + "/sequence", http.get(connectors + "/sequence"));
    }

    @Test
    void servesSwaggerUiShowingTheFile() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> ui = following.send(registry.http().request("/swagger-ui.html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(ui.body()).contains("swagger-ui");

        Answer index = registry.http().get("/swagger-ui/index.html");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        Answer config = registry.http().get("/v3/api-docs/swagger-config");
        assertThat(config.json().path("url").asString()).as("the document Swagger UI shows").isEqualTo("/openapi.yaml");
    }

    /** Asserts the status, that the contract documents it for the operation, and the problem's shape. */
    private static Answer expect(int status, String method, String path, Answer answer) {
        assertThat(answer.status()).as("%s %s answered %s", method, path, answer.text()).isEqualTo(status);
        String operation = contract.operationFor(method, path)
                .orElseThrow(() -> new AssertionError("openapi.yaml has no operation for " + method + " " + path));
        assertThat(contract.statuses(operation)).as("documented statuses of %s", operation)
                .contains(String.valueOf(status));
        if (status >= 400 && !method.equals("HEAD")) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance", "code");
            assertThat(contract.enumOf("Problem", "code")).contains(problem.path("code").asString());
        }
        return answer;
    }

    private void assertAnswersWithAProblem(String operation, String status) {
        JsonNode response = contract.resolve(contract.operation(operation).path("responses").path(status));
        if (operation.startsWith("HEAD ")) {
            assertThat(response.has("content")).as("%s %s has no body", operation, status).isFalse();
            return;
        }
        assertThat(response.path("content").propertyNames()).as("%s %s media types", operation, status)
                .containsExactly("application/problem+json");
        assertThat(response.path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .as("%s %s schema", operation, status).isEqualTo("#/components/schemas/Problem");
    }

    /**
     * The codes in the server's sources: each exception's {@code code()}, and the literals of the
     * problem handler and of the container's problems (errors answered before a handler runs).
     */
    private static Set<String> problemCodesInSource() throws IOException {
        Pattern literal = Pattern.compile("\"([A-Z][A-Z]*(?:_[A-Z]+)+)\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.getFileName().toString()
                    .matches(".*Exception\\.java|ProblemHandler\\.java|ContainerProblems\\.java|SecurityProblems\\.java"))
                    .toList()) {
                Matcher matcher = literal.matcher(Files.readString(file));
                while (matcher.find()) {
                    codes.add(matcher.group(1));
                }
            }
        }
        assertThat(codes).as("codes found in src/main/java").hasSizeGreaterThan(20);
        return codes;
    }

    private static Set<String> withoutHead(Set<String> operations) {
        return operations.stream().filter(o -> !o.startsWith("HEAD ")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> onlyHead(Set<String> operations) {
        return operations.stream().filter(o -> o.startsWith("HEAD ")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
