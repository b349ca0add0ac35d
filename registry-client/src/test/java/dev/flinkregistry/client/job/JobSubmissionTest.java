package dev.flinkregistry.client.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.BuiltInIdentifiers;
import dev.flinkregistry.client.InMemoryRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryProblemException;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.sql.RequiredIdentifier;
import dev.flinkregistry.testsupport.TestJars;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preparing a SQL job's JARs with an in-memory registry. Scenarios: a script that uses a
 * registered source next to Flink's own {@code print}, {@code datagen}, {@code filesystem} and
 * {@code json}; a script that needs nothing from the registry (no request at all); two identifiers
 * from one JAR (one JAR); a lease for the job; an identifier nobody offers; paths with spaces and
 * quotes in the {@code pipeline.jars} and {@code ADD JAR} forms.
 */
class JobSubmissionTest {

    private static final String JOB = """
            CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
            CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen');
            CREATE TABLE files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/f', 'format' = 'json');
            CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'print');
            INSERT INTO snk SELECT * FROM src;
            """;

    @TempDir
    Path dir;

    private final Map<String, List<IdentifierRef>> offers = new HashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private InMemoryRegistryClient registry;
    private RegistryClient recorded;

    @BeforeEach
    void createRegistry() {
        registry = new InMemoryRegistryClient("default", "1.20", jar -> offers.get(jar.getFileName().toString()));
        recorded = (RegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RegistryClient.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Path register(Path directory, String connector, String fileName, long seed, IdentifierRef... identifiers) {
        offers.put(fileName, List.of(identifiers));
        Path jar = TestJars.write(directory, fileName, TestJars.bytes(2_000, seed));
        registry.register(connector, jar);
        return jar;
    }

    @Test
    void fetchesOnlyWhatFlinkDoesNotShip() {
        Path sequence = register(dir, "sequence", "sequence.jar", 1, new IdentifierRef("table-connector", "sequence"));
        JobSubmission submission = new JobSubmission(recorded, "1.20");

        assertThat(submission.requiredIdentifiers(JOB)).extracting(RequiredIdentifier::identifier)
                .containsExactly("sequence");

        JobJars jars = submission.prepare(JOB);

        assertThat(jars.resolution().resolved()).extracting(Resolution.Resolved::identifier).containsExactly("sequence");
        assertThat(jars.jars()).singleElement().satisfies(path -> assertThat(path).hasSameBinaryContentAs(sequence));
        assertThat(calls).containsExactly("resolve", "fetch");
    }

    @Test
    void asksTheRegistryNothingForAScriptThatOnlyUsesBuiltIns() {
        JobJars jars = new JobSubmission(recorded, "1.20").prepare("""
                CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen');
                CREATE TABLE snk (id BIGINT) WITH ('connector' = 'print');
                INSERT INTO snk SELECT * FROM gen;""");

        assertThat(jars.resolution()).isNull();
        assertThat(jars.jars()).isEmpty();
        assertThat(jars.pipelineJars()).isEmpty();
        assertThat(jars.addJarStatements()).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void asksForLegacyCsvOnlyWhereFlinkDoesNotShipIt() {
        String script = "CREATE TABLE t (id BIGINT) WITH ('connector' = 'legacy-csv')";

        assertThat(new JobSubmission(recorded, "2.2").requiredIdentifiers(script)).isEmpty();
        assertThat(new JobSubmission(recorded, "1.20").requiredIdentifiers(script))
                .extracting(RequiredIdentifier::identifier).containsExactly("legacy-csv");
    }

    @Test
    void putsAJarOfferingTwoUsedIdentifiersOnTheClassPathOnce() {
        register(dir, "sequence", "sequence.jar", 1, new IdentifierRef("table-connector", "sequence"),
                new IdentifierRef("decoding-format", "psv"));

        JobJars jars = new JobSubmission(recorded, "1.20").prepare("""
                CREATE TABLE a (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '1');
                CREATE TABLE b (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/x', 'format' = 'psv');""");

        assertThat(jars.resolution().resolved()).extracting(Resolution.Resolved::identifier)
                .containsExactly("sequence", "psv");
        assertThat(jars.jars()).hasSize(1);
    }

    @Test
    void returnsTheJarsInTheResolutionsOrderWhateverOrderTheyWereFetchedIn() throws Exception {
        register(dir, "small", "small.jar", 3, new IdentifierRef("table-connector", "small"));
        register(dir, "large", "large.jar", 4, new IdentifierRef("table-connector", "large"));
        register(dir, "medium", "medium.jar", 5, new IdentifierRef("encoding-format", "medium"));
        offers.put("large-2.jar", List.of(new IdentifierRef("table-connector", "large")));
        registry.update("large", TestJars.write(dir, "large-2.jar", TestJars.bytes(200_000, 6)), false);
        offers.put("medium-2.jar", List.of(new IdentifierRef("encoding-format", "medium")));
        registry.update("medium", TestJars.write(dir, "medium-2.jar", TestJars.bytes(50_000, 7)), false);

        JobJars jars = new JobSubmission(recorded, "1.20").prepare("""
                CREATE TABLE a (id BIGINT) WITH ('connector' = 'small');
                CREATE TABLE b (id BIGINT) WITH ('connector' = 'large', 'format' = 'medium');""");

        List<Resolution.Jar> resolved = jars.resolution().jars();
        assertThat(resolved).hasSize(3);
        assertThat(resolved).extracting(Resolution.Jar::size).doesNotHaveDuplicates();
        for (int i = 0; i < resolved.size(); i++) {
            assertThat(TestJars.sha256(Files.readAllBytes(jars.jars().get(i)))).isEqualTo(resolved.get(i).sha256());
        }
    }

    @Test
    void leasesTheResolvedVersionsForTheJob() {
        register(dir, "sequence", "sequence.jar", 1, new IdentifierRef("table-connector", "sequence"));

        JobJars jars = new JobSubmission(recorded, "1.20").prepare(JOB, "job-a", 120L);

        assertThat(jars.resolution().lease().jobId()).isEqualTo("job-a");
        offers.put("sequence-2.jar", List.of(new IdentifierRef("table-connector", "sequence")));
        registry.update("sequence", TestJars.write(dir, "sequence-2.jar", TestJars.bytes(2_000, 2)), false);
        assertThatThrownBy(() -> registry.deleteVersion("sequence", 1)).isInstanceOf(RegistryProblemException.class)
                .hasMessageContaining("VERSION_LEASED");
    }

    @Test
    void failsWhenTheRegistryOffersNoConnectorForAnIdentifier() {
        assertThatThrownBy(() -> new JobSubmission(recorded, "1.20").prepare(JOB))
                .isInstanceOfSatisfying(RegistryProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("UNRESOLVED_IDENTIFIERS"));
    }

    @Test
    void formatsPipelineJarsAsFileUrlsAndAddJarAsQuotedPaths() {
        Path odd = dir.resolve("team's jars").resolve("with space");
        Path sequence = register(odd, "sequence", "sequence.jar", 1, new IdentifierRef("table-connector", "sequence"));
        Path psv = register(dir, "psv", "psv.jar", 2, new IdentifierRef("decoding-format", "psv"));

        JobJars jars = new JobJars(null, List.of(sequence, psv));

        assertThat(jars.pipelineJars()).isEqualTo(sequence.toAbsolutePath().toUri() + ";" + psv.toAbsolutePath().toUri());
        assertThat(jars.pipelineJars()).contains("with%20space").startsWith("file:");
        assertThat(jars.addJarStatements()).containsExactly(
                "ADD JAR '" + sequence.toAbsolutePath().toString().replace("'", "''") + "'",
                "ADD JAR '" + psv.toAbsolutePath() + "'");
        assertThat(jars.addJarStatements().get(0)).contains("team''s jars");
    }

    @Test
    void knowsTheBuiltInsOfEachSupportedFlinkLine() {
        assertThat(BuiltInIdentifiers.flinkVersions()).containsExactlyInAnyOrder("1.20", "2.2");
        assertThat(BuiltInIdentifiers.of("1.20", Family.TABLE_CONNECTOR))
                .contains("datagen", "print", "blackhole", "filesystem").doesNotContain("legacy-csv");
        assertThat(BuiltInIdentifiers.of("1.20", Family.FORMAT)).contains("json", "csv", "raw");
        assertThat(BuiltInIdentifiers.of("1.19", Family.TABLE_CONNECTOR)).isEmpty();
    }
}
