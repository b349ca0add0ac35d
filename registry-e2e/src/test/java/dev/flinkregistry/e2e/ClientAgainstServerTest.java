package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.flinkregistry.client.AnalysisRefusedException;
import dev.flinkregistry.client.BuiltInIdentifiers;
import dev.flinkregistry.client.ConflictException;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.NotFoundException;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryProblemException;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.OptionInfo;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every capability of {@link RegistryClient} against the real, packaged server, each test in its
 * own workspace. Bad inputs and refusals, each expected as its typed exception with its code: an
 * unknown connector, version, digest or workspace (404), a taken name or identifier and a breaking
 * update (409, with the owner or the diff), deleting the current or a leased version (409), a JAR
 * whose factory's static initialiser throws (422 with findings), a file that is not a JAR (analysed,
 * not refused by the analysis endpoint), a URL whose bytes do not match the given digest (422), an
 * identifier nobody offers (422), an invalid connector name (400).
 */
class ClientAgainstServerTest {

    private static final String SEQUENCE_SQL = """
            CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
            CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '/tmp/out.txt');
            CREATE TABLE dbg (id BIGINT) WITH ('connector' = 'print');
            CREATE TABLE files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/f', 'format' = 'json');
            INSERT INTO snk SELECT * FROM src;
            """;

    @TempDir
    static Path temp;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private static RegistryServerProcess server;
    private static HttpServer jarHost;

    @BeforeAll
    static void startJarHost() throws IOException {
        jarHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jarHost.createContext("/jars/", exchange -> {
            Path file = TestJars.jar(exchange.getRequestURI().getPath().substring("/jars/".length()));
            exchange.getResponseHeaders().add("Content-Type", "application/java-archive");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        jarHost.start();
        server = registry.server();
    }

    @AfterAll
    static void stopJarHost() {
        if (jarHost != null) {
            jarHost.stop(0);
        }
    }

    private static HttpRegistryClient newWorkspaceClient(String purpose) {
        return ServerClients.of(server, server.newWorkspace(purpose), temp.resolve("cache-" + purpose));
    }

    private static String jarUrl(Path jar) {
        return "http://127.0.0.1:" + jarHost.getAddress().getPort() + "/jars/" + jar.getFileName();
    }

    @Test
    void analysesAJarWithoutRegisteringIt() {
        HttpRegistryClient client = newWorkspaceClient("analyze");

        Analysis sequence = client.analyze(TestJars.sequenceV1());
        Analysis notAJar = client.analyze(TestJars.jar("broken-not-a-zip.jar"));

        assertThat(sequence.accepted()).isTrue();
        assertThat(sequence.flinkVersion()).isEqualTo("1.20");
        assertThat(sequence.jar().sha256()).isEqualTo(TestJars.sha256(TestJars.sequenceV1()));
        assertThat(sequence.jar().fileName()).isEqualTo("sample-sequence-source.jar");
        assertThat(sequence.jar().sizeBytes()).isEqualTo(TestJars.sequenceV1().toFile().length());
        assertThat(sequence.factories()).singleElement().satisfies(factory -> {
            assertThat(factory.identifier()).isEqualTo("sequence");
            assertThat(factory.families()).containsExactly("table-connector");
            assertThat(factory.capabilities()).contains("source", "lookup");
            assertThat(factory.options()).filteredOn(OptionInfo::required).extracting(OptionInfo::key)
                    .containsExactly("number-of-rows");
        });
        assertThat(notAJar.accepted()).isFalse();
        assertThat(notAJar.findings()).extracting(Finding::code).contains("ARCHIVE_NOT_ZIP");
        assertThat(client.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void registersUpdatesComparesRollsBackAndDeletes() {
        HttpRegistryClient client = newWorkspaceClient("lifecycle");

        UploadResult v1 = client.register("sequence", TestJars.sequenceV1());
        UploadResult identical = client.update("sequence", TestJars.sequenceV1(), false);
        UploadResult repeated = client.register("sequence", TestJars.sequenceV1());
        UploadResult v2 = client.update("sequence", TestJars.sequenceV2(), false);

        assertThat(v1.created()).isTrue();
        assertThat(v1.version()).extracting(Version::version, Version::current, Version::sourceType, Version::fileName)
                .containsExactly(1, true, "UPLOAD", "sample-sequence-source.jar");
        assertThat(v1.diff().identifiersAdded()).containsExactly(new VersionDiff.IdentifierRef("table-connector",
                "sequence"));
        assertThat(identical.created()).isFalse();
        assertThat(identical.version().version()).isEqualTo(1);
        assertThat(repeated.created()).as("registering the same bytes again, as a retry would").isFalse();
        assertThat(repeated.version().version()).isEqualTo(1);
        assertThat(v2.created()).isTrue();
        assertThat(v2.version().version()).isEqualTo(2);
        assertThat(v2.diff().optionsAdded()).extracting(VersionDiff.OptionChange::key).containsExactly("step");

        Connector connector = client.connector("sequence");
        assertThat(connector.currentVersion()).isEqualTo(2);
        assertThat(connector.versionCount()).isEqualTo(2);
        assertThat(connector.current().analysis().factories()).extracting(FactoryInfo::identifier)
                .containsExactly("sequence");
        assertThat(client.versions("sequence")).extracting(Version::version, Version::current)
                .containsExactly(tuple(1, false), tuple(2, true));
        assertThat(client.version("sequence", 1).analysis().accepted()).isTrue();
        assertThat(client.version("sequence", 1).sha256()).isEqualTo(TestJars.sha256(TestJars.sequenceV1()));
        assertThat(client.diff("sequence", 1, 2).breaking()).isFalse();
        assertThat(client.diff("sequence", 2, 1).optionsRemoved()).extracting(VersionDiff.OptionChange::key)
                .containsExactly("step");
        assertThat(client.diff("sequence", 2, 1).breaking()).isTrue();

        assertThatThrownBy(() -> client.setCurrent("sequence", 1)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("BREAKING_CHANGE"));
        assertThat(client.setCurrent("sequence", 1, true).currentVersion()).isEqualTo(1);
        assertThat(client.resolve(ResolveQuery.identifiers("sequence")).jars()).singleElement()
                .extracting(Resolution.Jar::version).isEqualTo(1);
        assertThatThrownBy(() -> client.deleteVersion("sequence", 1)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("VERSION_IS_CURRENT"));
        client.deleteVersion("sequence", 2);
        assertThat(client.versions("sequence")).extracting(Version::version).containsExactly(1);
        client.deleteConnector("sequence");
        assertThatThrownBy(() -> client.connector("sequence")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("CONNECTOR_NOT_FOUND"));
    }

    @Test
    void refusesABreakingUpdateWithItsDiffUnlessForced() {
        HttpRegistryClient client = newWorkspaceClient("breaking");
        client.register("sequence", TestJars.sequenceV2());

        assertThatThrownBy(() -> client.update("sequence", TestJars.sequenceV1(), false))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("BREAKING_CHANGE");
                    assertThat(e.properties().get("diff")).isInstanceOfSatisfying(Map.class,
                            diff -> assertThat(diff.get("breakingChanges")).isInstanceOfSatisfying(List.class,
                                    changes -> assertThat(changes).isNotEmpty()));
                });
        assertThat(client.versions("sequence")).hasSize(1);

        UploadResult forced = client.update("sequence", TestJars.sequenceV1(), true);

        assertThat(forced.created()).isTrue();
        assertThat(forced.diff().breaking()).isTrue();
        assertThat(forced.diff().optionsRemoved()).extracting(VersionDiff.OptionChange::key).containsExactly("step");
    }

    @Test
    void registersAndUpdatesFromAUrlSnapshot() {
        HttpRegistryClient client = newWorkspaceClient("url");
        String url = jarUrl(TestJars.psvFormat());
        String sha = TestJars.sha256(TestJars.psvFormat());

        assertThatThrownBy(() -> client.registerFromUrl("psv", url, "0".repeat(64)))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("CHECKSUM_MISMATCH");
                });
        UploadResult registered = client.registerFromUrl("psv", url, sha);
        UploadResult again = client.updateFromUrl("psv", url, null, false);

        assertThat(registered.created()).isTrue();
        assertThat(registered.version()).extracting(Version::sourceType, Version::sourceUrl, Version::sha256)
                .containsExactly("URL", url, sha);
        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
    }

    @Test
    void answersEveryRefusalWithItsTypedException() {
        HttpRegistryClient client = newWorkspaceClient("errors");
        client.register("sequence", TestJars.sequenceV1());

        assertThatThrownBy(() -> client.connector("nope")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("CONNECTOR_NOT_FOUND"));
        assertThatThrownBy(() -> client.version("sequence", 9)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("VERSION_NOT_FOUND"));
        assertThatThrownBy(() -> client.fetch("f".repeat(64))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.register("sequence", TestJars.rowFileSink()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("CONNECTOR_ALREADY_EXISTS"));
        assertThatThrownBy(() -> client.register("copycat", TestJars.sequenceV2()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("IDENTIFIER_ALREADY_REGISTERED");
                    assertThat(e.owner()).isEqualTo("sequence");
                    assertThat(e.properties()).containsEntry("identifier", "sequence");
                });
        assertThatThrownBy(() -> client.register("boom", TestJars.jar("broken-static-init-throws.jar")))
                .isInstanceOfSatisfying(AnalysisRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.findings()).extracting(Finding::code, Finding::severity)
                            .contains(tuple("FACTORY_STATIC_INIT_FAILED", "ERROR"));
                });
        assertThatThrownBy(() -> client.resolve(ResolveQuery.identifiers("sequence", "nope")))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("UNRESOLVED_IDENTIFIERS");
                });
        assertThatThrownBy(() -> client.register("Not_A_Name", TestJars.psvFormat()))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INVALID_REQUEST");
                });
        try (RegistryClient elsewhere = ServerClients.of(server, "no-such-workspace",
                temp.resolve("cache-elsewhere"))) {
            assertThatThrownBy(() -> elsewhere.connector("sequence")).isInstanceOfSatisfying(NotFoundException.class,
                    e -> assertThat(e.code()).isEqualTo("WORKSPACE_NOT_FOUND"));
        }
        assertThat(client.list(ListQuery.all()).items()).extracting(ConnectorSummary::name).containsExactly("sequence");
    }

    @Test
    void listsConnectorsFilteredByIdentifierFamilyCapabilityAndText() {
        HttpRegistryClient client = newWorkspaceClient("list");
        client.register("sequence", TestJars.sequenceV1());
        client.register("row-file", TestJars.rowFileSink());
        client.register("psv", TestJars.psvFormat());
        client.register("seeded-memory", TestJars.memoryCatalog());

        assertThat(names(client.list(ListQuery.all()).items())).containsExactly("psv", "row-file", "seeded-memory",
                "sequence");
        assertThat(names(client.list(ListQuery.all().withIdentifier("psv")).items())).containsExactly("psv");
        assertThat(names(client.list(ListQuery.all().withFamily("catalog")).items())).containsExactly("seeded-memory");
        assertThat(names(client.list(ListQuery.all().withFamily("decoding-format")).items())).containsExactly("psv");
        assertThat(names(client.list(ListQuery.all().withCapability("sink")).items())).containsExactly("row-file");
        assertThat(names(client.list(ListQuery.all().withCapability("lookup")).items())).containsExactly("sequence");
        assertThat(names(client.list(ListQuery.all().withText("SEQ")).items())).containsExactly("sequence");
        var secondPage = client.list(ListQuery.all().withPage(1, 3));
        assertThat(names(secondPage.items())).containsExactly("sequence");
        assertThat(secondPage.total()).isEqualTo(4);
    }

    @Test
    void resolvesIdentifiersAndSqlToPinnedJarsAndLeasesThemForAJob() {
        HttpRegistryClient client = newWorkspaceClient("resolve");
        String sequenceSha = client.register("sequence", TestJars.sequenceV1()).version().sha256();
        String rowFileSha = client.register("row-file", TestJars.rowFileSink()).version().sha256();

        Resolution bySql = client.resolve(ResolveQuery.sql(SEQUENCE_SQL).forJob("job-sql", 600L));
        Resolution byIdentifiers = client.resolve(new ResolveQuery(List.of(
                new ResolveQuery.Wanted("sequence", "table-connector"), new ResolveQuery.Wanted("json", "format")),
                null, null, null));

        assertThat(bySql.resolved()).extracting(Resolution.Resolved::identifier, Resolution.Resolved::sha256)
                .containsExactlyInAnyOrder(tuple("sequence", sequenceSha), tuple("row-file", rowFileSha));
        assertThat(bySql.jars()).hasSize(2).allSatisfy(jar -> assertThat(jar.url())
                .isEqualTo(server.baseUrl() + "/api/v1/workspaces/" + client.workspace() + "/jars/" + jar.sha256()));
        assertThat(bySql.builtIn()).extracting(Resolution.BuiltIn::identifier)
                .containsExactlyInAnyOrder("print", "filesystem", "json");
        assertThat(bySql.lease().jobId()).isEqualTo("job-sql");
        assertThat(byIdentifiers.jars()).extracting(Resolution.Jar::sha256).containsExactly(sequenceSha);
        assertThat(byIdentifiers.builtIn()).extracting(Resolution.BuiltIn::identifier).containsExactly("json");
        assertThat(byIdentifiers.lease()).isNull();

        client.update("sequence", TestJars.sequenceV2(), false);
        assertThatThrownBy(() -> client.deleteVersion("sequence", 1)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("VERSION_LEASED"));
        assertThatThrownBy(() -> client.deleteConnector("sequence")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("VERSION_LEASED"));
        client.releaseLease("job-sql");
        client.releaseLease("job-that-never-was");
        client.deleteVersion("sequence", 1);
    }

    @Test
    void agreesWithTheServerOnWhatFlinkShips() {
        HttpRegistryClient client = newWorkspaceClient("builtins");
        List<ResolveQuery.Wanted> wanted = new ArrayList<>();
        for (Family family : List.of(Family.TABLE_CONNECTOR, Family.FORMAT, Family.CATALOG)) {
            BuiltInIdentifiers.of("1.20", family).forEach(identifier -> wanted.add(new ResolveQuery.Wanted(identifier,
                    family.wireName())));
        }

        Resolution resolution = client.resolve(new ResolveQuery(wanted, null, null, null));

        assertThat(resolution.resolved()).isEmpty();
        assertThat(resolution.builtIn()).hasSameSizeAs(wanted);
    }

    @Test
    void validatesOptionMapsAndCreateTableStatements() {
        HttpRegistryClient client = newWorkspaceClient("validate");
        client.register("sequence", TestJars.sequenceV1());

        Validation typo = client.validateOptions(Map.of("connector", "sequence", "number-of-row", "5"));
        Validation good = client.validateOptions(Map.of("connector", "sequence", "number-of-rows", "5"));
        Validation builtIn = client.validateOptions(Map.of("connector", "print"));
        Validation script = client.validateSql("""
                CREATE TABLE ok (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE missing (id BIGINT) WITH ('connector' = 'sequence');
                CREATE TABLE bad (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = 'many');""");

        assertThat(typo.valid()).isFalse();
        assertThat(typo.results().get(0).result().problems()).anySatisfy(problem -> {
            assertThat(problem.code()).isEqualTo("UNKNOWN_OPTION");
            assertThat(problem.key()).isEqualTo("number-of-row");
            assertThat(problem.suggestion()).isEqualTo("number-of-rows");
        });
        assertThat(good.valid()).isTrue();
        assertThat(builtIn.valid()).isTrue();
        assertThat(script.valid()).isFalse();
        assertThat(script.results()).extracting(r -> r.name(), r -> r.line(), r -> r.result().valid())
                .containsExactly(tuple("ok", 1, true), tuple("missing", 2, false), tuple("bad", 3, false));
        assertThat(script.results().get(1).result().problems()).extracting(Validation.Problem::code)
                .contains("MISSING_REQUIRED_OPTION");
        assertThat(script.results().get(2).result().problems()).extracting(Validation.Problem::code)
                .contains("INVALID_VALUE");
    }

    @Test
    void fetchesVerifiedJarsIntoTheCacheAndServesThemFromThereWithoutHttp() throws IOException {
        HttpRegistryClient client = newWorkspaceClient("fetch");
        String sha = client.register("sequence", TestJars.sequenceV1()).version().sha256();
        double downloadsBefore = server.metric("registry_downloads_total");

        Path fetched = client.fetch(sha);
        double afterFirst = server.metric("registry_downloads_total");
        Path again = client.fetch(sha);
        Path fromAnotherClient = ServerClients.of(server, client.workspace(), temp.resolve("cache-fetch")).fetch(sha);
        double afterCached = server.metric("registry_downloads_total");

        assertThat(fetched).startsWith(temp.resolve("cache-fetch")).isEqualTo(again).isEqualTo(fromAnotherClient);
        assertThat(TestJars.sha256(fetched)).isEqualTo(sha);
        assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(TestJars.sequenceV1()));
        assertThat(afterFirst - downloadsBefore).isEqualTo(1.0);
        assertThat(afterCached).isEqualTo(afterFirst);
    }

    @Test
    void preparesAJobSubmissionWithPipelineJarsAndAddJarStatements() {
        HttpRegistryClient client = newWorkspaceClient("submit");
        client.register("sequence", TestJars.sequenceV1());
        client.register("row-file", TestJars.rowFileSink());

        JobJars jars = new JobSubmission(client, "1.20").prepare(SEQUENCE_SQL, "job-submit", 60L);

        assertThat(jars.jars()).hasSize(2);
        assertThat(jars.pipelineJars().split(";")).hasSize(2).allSatisfy(url -> assertThat(url).startsWith("file:/"));
        assertThat(jars.addJarStatements()).hasSize(2).allSatisfy(statement ->
                assertThat(statement).startsWith("ADD JAR '" + temp.resolve("cache-submit")));
        assertThat(jars.resolution().lease().jobId()).isEqualTo("job-submit");
        client.releaseLease("job-submit");
    }

    @Test
    void tellsWhereAVersionsBytesCanBeDownloaded() {
        HttpRegistryClient client = newWorkspaceClient("download-path");
        Version version = client.register("sequence", TestJars.sequenceV1()).version();

        assertThat(version.downloadPath()).isEqualTo("/api/v1/workspaces/" + client.workspace() + "/jars/"
                + version.sha256());
    }

    private static List<String> names(List<ConnectorSummary> items) {
        return items.stream().map(ConnectorSummary::name).toList();
    }
}
