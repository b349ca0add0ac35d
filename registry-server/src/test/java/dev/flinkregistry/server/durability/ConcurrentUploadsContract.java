package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.housekeeping.BlobCollector;
import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestStores;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Many uploads at the same instant against one real server over real HTTP (DESIGN rules 1, 4, 7):
 * uniqueness and version numbering are decided by the database, whichever request commits first.
 * Run on H2 and on PostgreSQL by the subclasses.
 *
 * <p>Scenarios:
 * <ul>
 *   <li>20 connectors with different names, each a JAR with different bytes declaring the same
 *       identifier {@code sequence}, registered at once: one wins, 19 get 409
 *       IDENTIFIER_ALREADY_REGISTERED naming the winner, and no connector, version, owner row or
 *       stored blob of a loser survives (loser bytes stored before their commit failed are collected).</li>
 *   <li>20 different, compatible JARs uploaded at once as updates of one connector: every one
 *       becomes a version, numbered 2..21 without gaps or duplicates, each upload exactly once,
 *       {@code current} on the highest; uploading one of them again afterwards creates nothing.</li>
 *   <li>The same new bytes uploaded twice at once as updates of one connector: one version, and
 *       the second answer says nothing was created (200, {@code created=false}, same number).</li>
 * </ul>
 */
abstract class ConcurrentUploadsContract {

    static final int PARALLEL = 20;
    static final Duration DEADLINE = Duration.ofMinutes(3);
    static final String PROBLEM_JSON = "application/problem+json";

    @TempDir
    Path temp;

    private Map<String, Object> database;
    private RunningRegistry registry;

    /** The Spring properties of a new, empty database for one test's server. */
    protected abstract Map<String, Object> newDatabase();

    /** A JDBC connection to the database the running server uses, for checks HTTP cannot make. */
    protected abstract Connection connect(RunningRegistry registry, Map<String, Object> database) throws SQLException;

    @BeforeEach
    void startServer() {
        database = newDatabase();
        Map<String, Object> properties = new LinkedHashMap<>(database);
        // Four sandboxed analyses at once (default two), so several requests reach their commit together.
        properties.put("registry.analysis.max-concurrent", "4");
        properties.put("registry.analysis.timeout", "90s");
        // All of them come from one address, more than one client may send at once by default.
        properties.put("registry.uploads.max-concurrent-per-client", String.valueOf(PARALLEL));
        registry = RunningRegistry.start(temp.resolve("server"), properties);
    }

    @AfterEach
    void stopServer() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void twentyConnectorsRacingForOneIdentifierLeaveExactlyOneOwnerAndNothingOfTheLosers() throws Exception {
        Map<String, Path> jars = new LinkedHashMap<>();
        Map<String, String> shaOf = new HashMap<>();
        for (int i = 1; i <= PARALLEL; i++) {
            String name = String.format("rival-%02d", i);
            Path jar = JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("jars/" + name + ".jar"), name);
            jars.put(name, jar);
            shaOf.put(name, JarVariants.sha256(jar));
        }
        assertThat(Set.copyOf(shaOf.values())).as("the 20 JARs differ in bytes").hasSize(PARALLEL);

        List<String> names = List.copyOf(jars.keySet());
        List<Callable<Answer>> calls = names.stream()
                .<Callable<Answer>>map(name -> () -> registry.http().register(name, jars.get(name))).toList();
        List<Answer> answers = StartingGate.releaseAtOnce(calls, DEADLINE);
        String report = describe(names, answers);

        List<String> winners = IntStream.range(0, names.size()).filter(i -> answers.get(i).status() == 201)
                .mapToObj(names::get).toList();
        assertThat(winners).as("exactly one registration wins:\n%s", report).hasSize(1);
        String winner = winners.get(0);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(winner)) {
                continue;
            }
            Answer loser = answers.get(i);
            assertThat(loser.status()).as("%s:\n%s", names.get(i), report).isEqualTo(409);
            assertThat(loser.contentType()).startsWith(PROBLEM_JSON);
            JsonNode problem = loser.json();
            assertThat(problem.path("code").asString()).as("%s:\n%s", names.get(i), report)
                    .isEqualTo("IDENTIFIER_ALREADY_REGISTERED");
            assertThat(problem.path("identifier").asString()).isEqualTo("sequence");
            assertThat(problem.path("owner").asString()).as("the 409 names the winner").isEqualTo(winner);
            assertThat(problem.path("detail").asString()).contains(winner);
        }

        JsonNode list = registry.http().get(DEFAULT + "/connectors").json();
        assertThat(list.path("total").asInt()).as(list.toString()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("name").asString()).isEqualTo(winner);
        assertThat(list.path("items").get(0).path("currentVersion").asInt()).isEqualTo(1);
        assertThat(registry.http().get(DEFAULT + "/connectors?identifier=sequence").json().path("total").asInt())
                .isEqualTo(1);
        assertThat(registry.http().get(DEFAULT + "/connectors/" + names.get(names.get(0).equals(winner) ? 1 : 0))
                .status()).as("a loser's connector does not exist").isEqualTo(404);

        try (Connection db = connect(registry, database)) {
            assertThat(strings(db, "select c.name from identifier_owner o join connector c on c.id = o.connector_id"
                    + " where o.identifier = 'sequence'")).as("owner rows of 'sequence'").containsExactly(winner);
            assertThat(count(db, "select count(*) from identifier_owner")).as("owner rows").isEqualTo(1);
            assertThat(strings(db, "select name from connector")).as("connectors").containsExactly(winner);
            assertThat(count(db, "select count(*) from connector_version")).as("versions").isEqualTo(1);
            assertThat(strings(db, "select sha256 from connector_version")).containsExactly(shaOf.get(winner));
            assertThat(count(db, "select count(*) from connector c where not exists"
                    + " (select 1 from connector_version v where v.connector_id = c.id)"))
                    .as("connectors without a version").isZero();
            assertThat(count(db, "select count(*) from connector where current_version is null"))
                    .as("connectors without a current version").isZero();
            assertThat(count(db, "select count(*) from version_factory f where not exists"
                    + " (select 1 from connector_version v where v.id = f.version_id)"))
                    .as("factory rows of no version").isZero();
        }

        // Losers that got as far as storing their bytes before the commit failed left unreferenced blobs.
        registry.bean(BlobCollector.class).collect(Instant.now().plusSeconds(1));
        assertThat(storedBlobs()).as("only the winner's bytes remain after collection")
                .containsExactly(shaOf.get(winner));
    }

    @Test
    void twentyParallelUpdatesOfOneConnectorBecomeVersionsTwoToTwentyOneWithoutGapsOrDuplicates() throws Exception {
        Answer first = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String v1 = JarVariants.sha256(TestJars.sequenceV1());

        List<Path> jars = new ArrayList<>();
        for (int i = 1; i <= PARALLEL; i++) {
            jars.add(JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("jars/update-" + i + ".jar"),
                    "update-" + i));
        }
        List<String> uploaded = jars.stream().map(JarVariants::sha256).toList();
        assertThat(Set.copyOf(uploaded)).as("the 20 JARs differ in bytes").hasSize(PARALLEL).doesNotContain(v1);

        List<Callable<Answer>> calls = jars.stream()
                .<Callable<Answer>>map(jar -> () -> registry.http().update("sequence", jar)).toList();
        List<Answer> answers = StartingGate.releaseAtOnce(calls, DEADLINE);
        String report = describe(uploaded, answers);

        Map<Integer, String> answeredVersions = new TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            assertThat(answer.status()).as("every update is a new version:\n%s", report).isEqualTo(201);
            JsonNode body = answer.json();
            assertThat(body.path("created").asBoolean()).isTrue();
            assertThat(body.path("version").path("sha256").asString()).isEqualTo(uploaded.get(i));
            String previous = answeredVersions.put(body.path("version").path("version").asInt(), uploaded.get(i));
            assertThat(previous).as("two answers with the same version number:\n%s", report).isNull();
        }
        assertThat(answeredVersions.keySet()).as("answered version numbers")
                .containsExactlyElementsOf(IntStream.rangeClosed(2, PARALLEL + 1).boxed().toList());

        JsonNode versions = registry.http().get(DEFAULT + "/connectors/sequence/versions").json();
        Map<Integer, String> listed = new TreeMap<>();
        int currentFlags = 0;
        for (JsonNode version : versions) {
            assertThat(listed.put(version.path("version").asInt(), version.path("sha256").asString()))
                    .as("version %s listed twice", version.path("version")).isNull();
            currentFlags += version.path("current").asBoolean() ? 1 : 0;
        }
        assertThat(listed.keySet()).as("listed version numbers")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, PARALLEL + 1).boxed().toList());
        assertThat(listed.get(1)).isEqualTo(v1);
        assertThat(listed.entrySet().stream().filter(e -> e.getKey() > 1).map(Map.Entry::getValue).toList())
                .as("each upload is exactly one version").containsExactlyInAnyOrderElementsOf(uploaded);
        Map<Integer, String> listedNew = new TreeMap<>(listed);
        listedNew.remove(1);
        assertThat(listedNew).as("each answer named the version its bytes became").isEqualTo(answeredVersions);
        assertThat(currentFlags).as("exactly one version is current").isEqualTo(1);

        JsonNode connector = registry.http().get(DEFAULT + "/connectors/sequence").json();
        int max = PARALLEL + 1;
        assertThat(connector.path("currentVersion").asInt()).as("current is the last committed").isEqualTo(max);
        assertThat(connector.path("versionCount").asInt()).isEqualTo(max);
        assertThat(connector.path("current").path("sha256").asString()).isEqualTo(listed.get(max));

        try (Connection db = connect(registry, database)) {
            assertThat(count(db, "select count(*) from connector_version")).isEqualTo(max);
            assertThat(count(db, "select count(distinct version) from connector_version")).isEqualTo(max);
            assertThat(count(db, "select count(distinct sha256) from connector_version")).isEqualTo(max);
            assertThat(count(db, "select max(version) from connector_version")).isEqualTo(max);
            assertThat(count(db, "select current_version from connector")).isEqualTo(max);
            assertThat(count(db, "select count(*) from identifier_owner")).as("owner rows").isEqualTo(1);
        }
        assertThat(storedBlobs()).as("every version's bytes are stored").containsAll(listed.values());

        // Afterwards, the same bytes again: that version, nothing created, current unchanged.
        int again = 7;
        Answer repeat = registry.http().update("sequence", jars.get(again));
        assertThat(repeat.status()).as(repeat.text()).isEqualTo(200);
        assertThat(repeat.json().path("created").asBoolean()).isFalse();
        int expected = listedNew.entrySet().stream().filter(e -> e.getValue().equals(uploaded.get(again)))
                .findFirst().orElseThrow().getKey();
        assertThat(repeat.json().path("version").path("version").asInt()).isEqualTo(expected);
        JsonNode after = registry.http().get(DEFAULT + "/connectors/sequence").json();
        assertThat(after.path("currentVersion").asInt()).isEqualTo(max);
        assertThat(after.path("versionCount").asInt()).isEqualTo(max);
    }

    @Test
    void identicalBytesUploadedTwiceAtOnceMakeOneVersionAndTheSecondAnswerCreatedNothing() throws Exception {
        Answer first = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        Path twin = JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("jars/twin.jar"), "twin");
        String sha = JarVariants.sha256(twin);

        List<Callable<Answer>> calls = List.of(() -> registry.http().update("sequence", twin),
                () -> registry.http().update("sequence", twin));
        List<Answer> answers = StartingGate.releaseAtOnce(calls, DEADLINE);
        String report = describe(List.of("first", "second"), answers);

        assertThat(answers.stream().map(Answer::status).sorted().toList()).as(report).containsExactly(200, 201);
        for (Answer answer : answers) {
            JsonNode body = answer.json();
            assertThat(body.path("version").path("version").asInt()).as(report).isEqualTo(2);
            assertThat(body.path("version").path("sha256").asString()).isEqualTo(sha);
            assertThat(body.path("created").asBoolean()).as(report).isEqualTo(answer.status() == 201);
        }
        JsonNode versions = registry.http().get(DEFAULT + "/connectors/sequence/versions").json();
        assertThat(versions.size()).as(versions.toString()).isEqualTo(2);
        try (Connection db = connect(registry, database)) {
            assertThat(count(db, "select count(*) from connector_version where sha256 = '" + sha + "'")).isEqualTo(1);
            assertThat(count(db, "select count(*) from connector_version")).isEqualTo(2);
        }
    }

    /** The digests of the stored blob files: under {@code <data>/blobs}, or the S3 server's bucket directory. */
    private Set<String> storedBlobs() throws IOException {
        Path blobs = TestStores.blobDirectory(database, registry.dataDir());
        if (!Files.isDirectory(blobs)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .map(n -> n.endsWith(".jar") ? n.substring(0, n.length() - 4) : n)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static String describe(List<String> labels, List<Answer> answers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            String body = answer.text();
            text.append("  ").append(labels.get(i)).append(" -> ").append(answer.status()).append(' ')
                    .append(body.length() > 300 ? body.substring(0, 300) + "…" : body).append('\n');
        }
        return text.toString();
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
