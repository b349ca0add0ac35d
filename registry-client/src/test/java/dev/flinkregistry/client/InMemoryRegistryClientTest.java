package dev.flinkregistry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory registry keeps the registry's rules for users' tests. Scenarios: a first
 * registration; a name registered twice; an identifier another connector owns; identical bytes
 * uploaded again; an update that drops an identifier, refused and then forced; resolution pinned
 * to the current version, rolled back, leased; deleting the current version, a leased version, a
 * connector with a leased version; a resolve that fails half-way; built-in identifiers; unknown
 * names, versions and digests; URL registration, which it cannot do; findings accepted with a
 * lower-case code, a reason of 501 characters, or a code that can never be accepted.
 */
class InMemoryRegistryClientTest {

    private static final IdentifierRef SEQUENCE = new IdentifierRef("table-connector", "sequence");
    private static final IdentifierRef SEQUENCE_LOOKUP = new IdentifierRef("table-connector", "sequence-lookup");
    private static final IdentifierRef PSV = new IdentifierRef("decoding-format", "psv");

    @TempDir
    Path dir;

    private final Map<String, List<IdentifierRef>> offers = new HashMap<>();
    private InMemoryRegistryClient client;

    @BeforeEach
    void createClient() {
        client = new InMemoryRegistryClient("default", "1.20", jar -> offers.get(jar.getFileName().toString()));
    }

    /** A JAR file with its own bytes that offers the given identifiers. */
    private Path jar(String name, long seed, IdentifierRef... identifiers) {
        offers.put(name, List.of(identifiers));
        return TestJars.write(dir, name, TestJars.bytes(1_000, seed));
    }

    @Test
    void checksFindingsAcceptedOnPurposeAsAServerDoesBeforeReceivingTheJar() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);
        Path builtIn = jar("datagen.jar", 2, new IdentifierRef("table-connector", "datagen"));

        RegistryProblemException malformed = catchProblem(() -> client.register("sequence", v1,
                RegistryClient.AcceptFindings.of("why", "factory_class_missing")));
        RegistryProblemException tooLong = catchProblem(() -> client.update("sequence", v1, false,
                RegistryClient.AcceptFindings.of("r".repeat(501), "FACTORY_CLASS_MISSING")));
        RegistryProblemException never = catchProblem(() -> client.register("datagen", builtIn,
                RegistryClient.AcceptFindings.of("why", "BUILTIN_IDENTIFIER")));

        assertThat(malformed.code()).isEqualTo("UNKNOWN_FINDING_CODE");
        assertThat(malformed.properties()).containsEntry("codes", List.of("factory_class_missing"));
        assertThat(tooLong.code()).isEqualTo("INVALID_REQUEST");
        assertThat(never.code()).isEqualTo("FINDING_NOT_ACCEPTABLE");
        assertThat(client.list(ListQuery.all()).total()).isZero();
    }

    private static RegistryProblemException catchProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(RegistryProblemException.class);
        return (RegistryProblemException) thrown;
    }

    @Test
    void registersAConnectorAsCurrentVersionOne() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);

        UploadResult result = client.register("sequence", v1);

        assertThat(result.created()).isTrue();
        assertThat(result.version().version()).isEqualTo(1);
        assertThat(result.version().current()).isTrue();
        assertThat(result.version().sha256()).isEqualTo(TestJars.sha256(v1));
        assertThat(result.diff().identifiersAdded()).containsExactly(SEQUENCE);
        assertThat(client.connector("sequence").currentVersion()).isEqualTo(1);
        assertThat(client.workspace()).isEqualTo("default");
    }

    @Test
    void answersARepeatedRegistrationWithTheVersionItIs() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);
        client.register("sequence", v1);

        UploadResult again = client.register("sequence", v1);

        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(again.diff().identifiersAdded()).isEmpty();
        assertThat(client.versions("sequence")).hasSize(1);
    }

    @Test
    void refusesANameThatIsTaken() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        assertThatThrownBy(() -> client.register("sequence", jar("other.jar", 2, PSV)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("CONNECTOR_ALREADY_EXISTS"));
    }

    @Test
    void refusesAnIdentifierAnotherConnectorOwnsAndNamesTheOwner() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        assertThatThrownBy(() -> client.register("copycat", jar("copycat.jar", 2, SEQUENCE)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("IDENTIFIER_ALREADY_REGISTERED");
                    assertThat(e.owner()).isEqualTo("sequence");
                });
        assertThatThrownBy(() -> client.connector("copycat")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesAnIdentifierFlinkShips() {
        Path shadowing = jar("datagen.jar", 4, new IdentifierRef("table-connector", "datagen"));

        assertThatThrownBy(() -> client.register("my-datagen", shadowing))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void returnsTheExistingVersionForIdenticalBytesAndCreatesNothing() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);
        client.register("sequence", v1);

        UploadResult again = client.update("sequence", v1, false);

        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(client.versions("sequence")).hasSize(1);
    }

    @Test
    void makesANewCompatibleVersionCurrentAndReportsTheDiff() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        UploadResult v2 = client.update("sequence", jar("sequence-2.jar", 2, SEQUENCE, SEQUENCE_LOOKUP), false);

        assertThat(v2.created()).isTrue();
        assertThat(v2.version().version()).isEqualTo(2);
        assertThat(v2.diff().identifiersAdded()).containsExactly(SEQUENCE_LOOKUP);
        assertThat(v2.diff().breaking()).isFalse();
        assertThat(client.versions("sequence")).extracting(Version::version, Version::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false),
                        org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(client.diff("sequence", 2, 1).identifiersRemoved()).containsExactly(SEQUENCE_LOOKUP);
    }

    @Test
    void refusesAnUpdateThatDropsAnIdentifierUnlessForced() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE, SEQUENCE_LOOKUP));
        Path withoutLookup = jar("sequence-2.jar", 2, SEQUENCE);

        assertThatThrownBy(() -> client.update("sequence", withoutLookup, false))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("BREAKING_CHANGE");
                    assertThat(e.detail()).contains("sequence-lookup");
                });
        assertThat(client.versions("sequence")).hasSize(1);

        UploadResult forced = client.update("sequence", withoutLookup, true);

        assertThat(forced.created()).isTrue();
        assertThat(forced.diff().breaking()).isTrue();
        assertThat(forced.diff().identifiersRemoved()).containsExactly(SEQUENCE_LOOKUP);
        assertThat(client.connector("sequence").currentVersion()).isEqualTo(2);
    }

    @Test
    void resolvesToTheCurrentVersionAndFollowsARollback() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);
        Path v2 = jar("sequence-2.jar", 2, SEQUENCE);
        client.register("sequence", v1);
        client.update("sequence", v2, false);

        Resolution onV2 = client.resolve(ResolveQuery.identifiers("sequence"));
        client.setCurrent("sequence", 1);
        Resolution onV1 = client.resolve(ResolveQuery.identifiers("sequence"));

        assertThat(onV2.resolved()).singleElement().satisfies(r -> {
            assertThat(r.connector()).isEqualTo("sequence");
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.sha256()).isEqualTo(TestJars.sha256(v2));
        });
        assertThat(onV1.jars()).singleElement().extracting(Resolution.Jar::sha256).isEqualTo(TestJars.sha256(v1));
        assertThat(client.fetch(TestJars.sha256(v1))).hasSameBinaryContentAs(v1);
    }

    @Test
    void resolvesTheIdentifiersOfASqlScriptAndLeavesBuiltInsOut() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        Resolution resolution = client.resolve(ResolveQuery.sql("""
                CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE snk (id BIGINT) WITH ('connector' = 'print');
                CREATE TABLE raw_out (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'json');
                INSERT INTO snk SELECT * FROM src;"""));

        assertThat(resolution.resolved()).extracting(Resolution.Resolved::identifier).containsExactly("sequence");
        assertThat(resolution.builtIn()).extracting(Resolution.BuiltIn::identifier)
                .containsExactlyInAnyOrder("print", "filesystem", "json");
        assertThat(resolution.lease()).isNull();
    }

    @Test
    void refusesToResolveAnIdentifierNobodyOffers() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        assertThatThrownBy(() -> client.resolve(ResolveQuery.identifiers("sequence", "nope")))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("UNRESOLVED_IDENTIFIERS");
                    assertThat(e.properties().get("unresolved"))
                            .isEqualTo(List.of(Map.of("identifier", "nope", "family", "any")));
                });
    }

    @Test
    void leasesNothingWhenAnIdentifierCannotBeResolved() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        assertThatThrownBy(() -> client.resolve(ResolveQuery.identifiers("sequence", "nope").forJob("job-x", null)))
                .isInstanceOf(RegistryProblemException.class);

        client.deleteConnector("sequence");
        assertThatThrownBy(() -> client.connector("sequence")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void resolvesABuiltInFormatAskedForWithoutAFamily() {
        Resolution resolution = client.resolve(ResolveQuery.identifiers("json"));

        assertThat(resolution.builtIn()).extracting(Resolution.BuiltIn::identifier).containsExactly("json");
        assertThat(resolution.jars()).isEmpty();
    }

    @Test
    void keepsLeasedAndCurrentVersionsUntilTheLeaseIsReleased() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));
        Resolution jobA = client.resolve(ResolveQuery.identifiers("sequence").forJob("job-a", 600L));
        client.update("sequence", jar("sequence-2.jar", 2, SEQUENCE), false);

        assertThat(jobA.lease().jobId()).isEqualTo("job-a");
        assertThatThrownBy(() -> client.deleteVersion("sequence", 2))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("VERSION_IS_CURRENT"));
        assertThatThrownBy(() -> client.deleteVersion("sequence", 1))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("VERSION_LEASED");
                    assertThat(e.properties().get("jobs")).isEqualTo(List.of("job-a"));
                });
        assertThatThrownBy(() -> client.deleteConnector("sequence"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("VERSION_LEASED"));

        client.releaseLease("job-a");
        client.deleteVersion("sequence", 1);

        assertThat(client.versions("sequence")).extracting(Version::version).containsExactly(2);
        assertThatThrownBy(() -> client.version("sequence", 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletesAConnectorAndFreesItsIdentifiers() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        client.deleteConnector("sequence");

        assertThatThrownBy(() -> client.connector("sequence"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("CONNECTOR_NOT_FOUND"));
        assertThat(client.register("successor", jar("successor.jar", 3, SEQUENCE)).created()).isTrue();
    }

    @Test
    void listsConnectorsFilteredByIdentifierFamilyAndText() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));
        client.register("psv-format", jar("psv.jar", 2, PSV));

        assertThat(client.list(ListQuery.all()).items()).extracting(ConnectorSummary::name)
                .containsExactly("psv-format", "sequence");
        assertThat(client.list(ListQuery.all().withIdentifier("psv")).items()).extracting(ConnectorSummary::name)
                .containsExactly("psv-format");
        assertThat(client.list(ListQuery.all().withFamily("table-connector")).items())
                .extracting(ConnectorSummary::name).containsExactly("sequence");
        assertThat(client.list(ListQuery.all().withText("seq")).items()).extracting(ConnectorSummary::name)
                .containsExactly("sequence");
        assertThat(client.list(ListQuery.all().withPage(1, 1)).items()).extracting(ConnectorSummary::name)
                .containsExactly("sequence");
        assertThat(client.list(ListQuery.all().withPage(1, 1)).total()).isEqualTo(2);
    }

    @Test
    void analysesByAskingTheIdentifierSource() {
        Path v1 = jar("sequence-1.jar", 1, SEQUENCE);
        Path nothing = jar("empty.jar", 2);

        Analysis analysis = client.analyze(v1);

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.jar().sha256()).isEqualTo(TestJars.sha256(v1));
        assertThat(analysis.factories()).singleElement().satisfies(f -> assertThat(f.identifier()).isEqualTo("sequence"));
        assertThat(client.analyze(nothing).accepted()).isFalse();
    }

    @Test
    void validatesOptionsAgainstRegisteredIdentifiers() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        Validation known = client.validateOptions(Map.of("connector", "sequence", "number-of-rows", "5"));
        Validation unknown = client.validateSql("CREATE TABLE t (id INT) WITH ('connector' = 'nope')");

        assertThat(known.valid()).isTrue();
        assertThat(unknown.valid()).isFalse();
        assertThat(unknown.results()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("t");
            assertThat(r.result().problems()).extracting(Validation.Problem::code).containsExactly("UNKNOWN_IDENTIFIER");
        });
    }

    @Test
    void validatesAConnectorFlinkShipsAsKnown() {
        Validation validation = client.validateSql("CREATE TABLE snk (id BIGINT) WITH ('connector' = 'print')");

        assertThat(validation.valid()).isTrue();
    }

    @Test
    void answersNotFoundForUnknownNamesVersionsAndDigests() {
        client.register("sequence", jar("sequence-1.jar", 1, SEQUENCE));

        assertThatThrownBy(() -> client.versions("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.version("sequence", 9))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("VERSION_NOT_FOUND"));
        assertThatThrownBy(() -> client.setCurrent("sequence", 9)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.update("nope", jar("x.jar", 5, PSV), false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.fetch("c".repeat(64))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void explainsNoFlinkErrorsAndSaysSo() {
        assertThatThrownBy(() -> client.explain("Could not find any factory for identifier 'x'"))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("registry server");
    }

    @Test
    void cannotRegisterFromAUrl() {
        assertThatThrownBy(() -> client.registerFromUrl("x", "https://example.org/x.jar", null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.updateFromUrl("x", "https://example.org/x.jar", null, false))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void offersTheSameIdentifiersForEveryJarWithAlways() {
        InMemoryRegistryClient always = new InMemoryRegistryClient("default", "1.20",
                InMemoryRegistryClient.always("table-connector", "sequence"));

        UploadResult result = always.register("sequence", TestJars.write(dir, "any.jar", TestJars.bytes(10, 9)));

        assertThat(result.diff().identifiersAdded()).containsExactly(SEQUENCE);
        VersionDiff diff = always.diff("sequence", 1, 1);
        assertThat(diff.breaking()).isFalse();
    }
}
