package dev.flinkregistry.client.contract;

import static dev.flinkregistry.client.contract.SampleJars.PSV_DECODING;
import static dev.flinkregistry.client.contract.SampleJars.PSV_ENCODING;
import static dev.flinkregistry.client.contract.SampleJars.ROW_FILE;
import static dev.flinkregistry.client.contract.SampleJars.SEEDED_MEMORY;
import static dev.flinkregistry.client.contract.SampleJars.SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.client.AnalysisRefusedException;
import dev.flinkregistry.client.ConflictException;
import dev.flinkregistry.client.NotFoundException;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClient.AcceptFindings;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery.Wanted;
import dev.flinkregistry.client.RegistryProblemException;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Identity;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RegistryClient} does, whichever registry is behind it (STYLE rule 12): the
 * in-memory client runs this suite in registry-client, the HTTP client against the packaged server
 * in registry-e2e. Each test gets a new, empty workspace for Flink 1.20.
 *
 * <p>The inputs are the real sample JARs ({@link SampleJars}); a client that cannot analyse them is
 * told what they offer by {@link SampleJars#identifierSource()}, and
 * {@link #analysesEachSampleAsItsIdentifierSourceSays()} checks that against a real analysis. So
 * the suite asserts only what a (family, identifier) list determines: options, capabilities,
 * option-level validation and option diffs are a server's alone, and so is registering from a URL,
 * which the in-memory client refuses by design; registry-e2e's ClientAgainstServerTest covers them.
 */
public abstract class RegistryClientContract {

    private static final String SCRIPT = """
            CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
            CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '/tmp/out.txt');
            CREATE TABLE dbg (id BIGINT) WITH ('connector' = 'print');
            CREATE TABLE piped (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/p', 'format' = 'psv');
            CREATE TABLE logs (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '/tmp/l', 'format' = 'json');
            CREATE CATALOG seeded WITH ('type' = 'seeded-memory');
            INSERT INTO snk SELECT * FROM src;
            """;

    /** The registry under test, new for each test. */
    protected RegistryClient registry;

    @TempDir
    Path temp;

    /** A client of a new, empty workspace for Flink 1.20; the suite closes it after the test. */
    protected abstract RegistryClient newRegistry();

    @BeforeEach
    void openRegistry() {
        registry = newRegistry();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    // --- whoami ----------------------------------------------------------------------------------

    @Test
    void namesTheCallerWhoMayWorkInTheWorkspace() {
        Identity caller = registry.whoami();

        assertThat(caller.name()).isNotBlank();
        assertThat(caller.kind()).isIn("user", "token");
        assertThat(caller.roleIn(registry.workspace())).hasValueSatisfying(role ->
                assertThat(role).isIn("developer", "admin"));
    }

    // --- analyze ---------------------------------------------------------------------------------

    @Test
    void analysesAJarWithoutRegisteringIt() throws IOException {
        Analysis analysis = registry.analyze(SampleJars.sequenceV1());

        assertThat(analysis.accepted()).isTrue();
        assertThat(analysis.flinkVersion()).isEqualTo("1.20");
        assertThat(analysis.jar()).extracting(Analysis.JarInfo::fileName, Analysis.JarInfo::sizeBytes,
                Analysis.JarInfo::sha256).containsExactly("sample-sequence-source.jar",
                Files.size(SampleJars.sequenceV1()), SampleJars.sha256(SampleJars.sequenceV1()));
        assertThat(analysis.factories()).singleElement().satisfies(factory -> {
            assertThat(factory.identifier()).isEqualTo("sequence");
            assertThat(factory.families()).containsExactly("table-connector");
        });
        assertThat(analysis.findings()).extracting(Finding::severity).doesNotContain("ERROR");
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void analysesForTheFlinkLineAskedInsteadOfTheWorkspaces() {
        Analysis analysis = registry.analyze(SampleJars.sequenceV1(), "2.2");

        assertThat(analysis.flinkVersion()).isEqualTo("2.2");
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void refusesToAnalyseForAFlinkLineItHasNoRuntimeFor() {
        Throwable refused = catchThrowable(() -> registry.analyze(SampleJars.sequenceV1(), "0.9"));

        assertThat(refused).isInstanceOfSatisfying(RegistryProblemException.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.code()).isEqualTo("UNSUPPORTED_FLINK_VERSION");
            assertThat(problem.detail()).contains("0.9", "1.20");
        });
    }

    @Test
    void analysesEachSampleAsItsIdentifierSourceSays() {
        for (Path jar : SampleJars.loadable()) {
            assertThat(offered(registry.analyze(jar))).as(jar.getFileName().toString())
                    .containsExactlyInAnyOrderElementsOf(SampleJars.offersOf(jar));
        }
    }

    @Test
    void analysesAFactoryOfTwoFamiliesAsOneFactory() {
        assertThat(registry.analyze(SampleJars.psvFormat()).factories()).singleElement().satisfies(factory -> {
            assertThat(factory.identifier()).isEqualTo("psv");
            assertThat(factory.families()).containsExactlyInAnyOrder("decoding-format", "encoding-format");
        });
    }

    @Test
    void analysesAJarThatOffersNothingAsNotAcceptedWithAnError() {
        Analysis analysis = registry.analyze(SampleJars.notAZip());

        assertThat(analysis.accepted()).isFalse();
        assertThat(analysis.findings()).extracting(Finding::severity).contains("ERROR");
    }

    // --- register --------------------------------------------------------------------------------

    @Test
    void registersAConnectorWithTheJarAsItsCurrentVersionOne() {
        UploadResult result = registry.register("sequence", SampleJars.sequenceV1());

        assertThat(result.created()).isTrue();
        assertThat(result.version()).extracting(Version::workspace, Version::connector, Version::version,
                        Version::current, Version::sourceType, Version::fileName, Version::sha256, Version::size)
                .containsExactly(registry.workspace(), "sequence", 1, true, "UPLOAD", "sample-sequence-source.jar",
                        SampleJars.sha256(SampleJars.sequenceV1()), SampleJars.sequenceV1().toFile().length());
        assertThat(result.version().downloadPath())
                .isEqualTo("/api/v1/workspaces/" + registry.workspace() + "/jars/" + result.version().sha256());
        assertThat(result.diff()).extracting(VersionDiff::from, VersionDiff::to).containsExactly(null, 1);
        assertThat(result.diff().identifiersAdded()).containsExactly(SEQUENCE);
        assertThat(result.diff().breaking()).isFalse();
    }

    @Test
    void showsAConnectorWithItsCurrentVersionAndItsAnalysis() {
        registry.register("sequence", SampleJars.sequenceV1());

        Connector connector = registry.connector("sequence");

        assertThat(connector).extracting(Connector::workspace, Connector::name, Connector::currentVersion,
                Connector::versionCount).containsExactly(registry.workspace(), "sequence", 1, 1L);
        assertThat(connector.current().version()).isEqualTo(1);
        assertThat(connector.current().analysis().factories()).extracting(FactoryInfo::identifier)
                .containsExactly("sequence");
    }

    @Test
    void answersARepeatedRegistrationOfTheSameBytesWithTheVersionTheyAre() {
        registry.register("sequence", SampleJars.sequenceV1());

        UploadResult again = registry.register("sequence", SampleJars.sequenceV1());

        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(again.diff()).extracting(VersionDiff::from, VersionDiff::to).containsExactly(1, 1);
        assertThat(again.diff().identifiersAdded()).isEmpty();
        assertThat(registry.versions("sequence")).hasSize(1);
    }

    @Test
    void refusesOtherBytesUnderATakenNameBeforeLookingAtThem() {
        registry.register("sequence", SampleJars.sequenceV1());

        refused(() -> registry.register("sequence", SampleJars.psvFormat()), ConflictException.class, 409,
                "CONNECTOR_ALREADY_EXISTS");
        refused(() -> registry.register("sequence", SampleJars.notAZip()), ConflictException.class, 409,
                "CONNECTOR_ALREADY_EXISTS");
    }

    @Test
    void refusesAnIdentifierAnotherConnectorOwnsAndSaysWhoOwnsIt() {
        registry.register("sequence", SampleJars.sequenceV1());

        ConflictException taken = refused(() -> registry.register("copycat", SampleJars.sequenceV2()),
                ConflictException.class, 409, "IDENTIFIER_ALREADY_REGISTERED");

        assertThat(taken.owner()).isEqualTo("sequence");
        assertThat(taken.properties()).containsEntry("identifier", "sequence").containsEntry("family", "table-connector")
                .containsEntry("owner", "sequence");
        refused(() -> registry.connector("copycat"), NotFoundException.class, 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesAJarWhoseFactoriesDoNotLoadWithTheFindings() {
        AnalysisRefusedException refusal = refused(() -> registry.register("boom", SampleJars.staticInitThrows()),
                AnalysisRefusedException.class, 422, "ANALYSIS_REFUSED");

        assertThat(refusal.findings()).extracting(Finding::severity).contains("ERROR");
        assertThat(refusal.properties()).containsKey("findings");
        refused(() -> registry.register("garbage", SampleJars.notAZip()), AnalysisRefusedException.class, 422,
                "ANALYSIS_REFUSED");
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void refusesAConnectorNameThatIsNotLowerCaseLettersDigitsAndDashes() {
        refused(() -> registry.register("Not_A_Name", SampleJars.psvFormat()), RegistryProblemException.class, 400,
                "INVALID_REQUEST");
        refused(() -> registry.register("-dash-first", SampleJars.psvFormat()), RegistryProblemException.class, 400,
                "INVALID_REQUEST");
    }

    // --- accepting findings on purpose --------------------------------------------------------

    @Test
    void refusesToAcceptFindingsThatCanNeverBeAcceptedAndStoresNothing() {
        RegistryProblemException refusal = refused(() -> registry.register("boom", SampleJars.staticInitThrows(),
                AcceptFindings.of("cannot rebuild", "NO_LOADABLE_FACTORY")), RegistryProblemException.class, 400,
                "FINDING_NOT_ACCEPTABLE");

        assertThat(refusal.properties().get("codes")).isEqualTo(List.of("NO_LOADABLE_FACTORY"));
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void refusesToAcceptFindingsWithoutAReason() {
        refused(() -> registry.register("sequence", SampleJars.sequenceV1(),
                AcceptFindings.of(" ", "FACTORY_STATIC_INIT_FAILED")), RegistryProblemException.class, 400,
                "ACCEPT_REASON_REQUIRED");
        refused(() -> registry.register("sequence", SampleJars.sequenceV1(),
                new AcceptFindings(List.of(), "a reason")), RegistryProblemException.class, 400, "INVALID_REQUEST");
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void refusesAJarInWhichNoFactoryLoadsWhateverIsAccepted() {
        AnalysisRefusedException refusal = refused(() -> registry.register("boom", SampleJars.staticInitThrows(),
                AcceptFindings.of("cannot rebuild", "FACTORY_STATIC_INIT_FAILED")), AnalysisRefusedException.class,
                422, "ANALYSIS_REFUSED");

        assertThat(refusal.properties()).containsEntry("acceptable", false);
        assertThat(refusal.properties().get("refusingCodes")).isEqualTo(List.of("NO_LOADABLE_FACTORY"));
        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    @Test
    void recordsNoAcceptanceWhenNothingRefusedTheJar() {
        UploadResult result = registry.register("sequence", SampleJars.sequenceV1(),
                AcceptFindings.of("just in case", "FACTORY_CLASS_MISSING"));
        UploadResult update = registry.update("sequence", SampleJars.sequenceV2(), false,
                AcceptFindings.of("just in case", "FACTORY_CLASS_MISSING"));

        assertThat(result.created()).isTrue();
        assertThat(result.version().acceptance()).isNull();
        assertThat(update.version().acceptance()).isNull();
        assertThat(registry.versions("sequence")).extracting(Version::acceptance).containsOnlyNulls();
    }

    // --- update ----------------------------------------------------------------------------------

    @Test
    void makesACompatibleNewVersionCurrentAndAnswersWithTheDiff() {
        registry.register("sequence", SampleJars.sequenceV1());

        UploadResult v2 = registry.update("sequence", SampleJars.sequenceV2(), false);

        assertThat(v2.created()).isTrue();
        assertThat(v2.version()).extracting(Version::version, Version::current, Version::fileName)
                .containsExactly(2, true, "sample-sequence-source-v2.jar");
        assertThat(v2.diff()).extracting(VersionDiff::from, VersionDiff::to).containsExactly(1, 2);
        assertThat(v2.diff().identifiersAdded()).isEmpty();
        assertThat(v2.diff().identifiersRemoved()).isEmpty();
        assertThat(registry.versions("sequence")).extracting(Version::version, Version::current)
                .containsExactly(tuple(1, false), tuple(2, true));
        assertThat(registry.connector("sequence")).extracting(Connector::currentVersion, Connector::versionCount)
                .containsExactly(2, 2L);
    }

    @Test
    void answersIdenticalBytesWithTheVersionTheyAreAndChangesNothing() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);

        UploadResult again = registry.update("sequence", SampleJars.sequenceV1(), false);

        assertThat(again.created()).isFalse();
        assertThat(again.version()).extracting(Version::version, Version::current).containsExactly(1, false);
        assertThat(again.diff()).extracting(VersionDiff::from, VersionDiff::to).containsExactly(1, 1);
        assertThat(again.diff().identifiersAdded()).isEmpty();
        assertThat(again.diff().identifiersRemoved()).isEmpty();
        assertThat(registry.connector("sequence").currentVersion()).isEqualTo(2);
        assertThat(registry.versions("sequence")).hasSize(2);
    }

    @Test
    void refusesAnUpdateThatDropsAnIdentifierWithItsDiffUnlessForced() {
        registry.register("sequence", SampleJars.sequenceV1());

        ConflictException breaking = refused(() -> registry.update("sequence", SampleJars.rowFileSink(), false),
                ConflictException.class, 409, "BREAKING_CHANGE");

        assertThat(breaking.properties().get("diff")).isInstanceOfSatisfying(Map.class, diff -> {
            assertThat(diff.get("from")).isEqualTo(1);
            assertThat(diff.get("breakingChanges")).isInstanceOfSatisfying(List.class,
                    changes -> assertThat(changes).isNotEmpty());
            assertThat(diff.get("identifiersRemoved"))
                    .isEqualTo(List.of(Map.of("family", "table-connector", "identifier", "sequence")));
        });
        assertThat(registry.versions("sequence")).hasSize(1);

        UploadResult forced = registry.update("sequence", SampleJars.rowFileSink(), true);

        assertThat(forced.created()).isTrue();
        assertThat(forced.diff()).extracting(VersionDiff::from, VersionDiff::to).containsExactly(1, 2);
        assertThat(forced.diff().breaking()).isTrue();
        assertThat(forced.diff().identifiersRemoved()).containsExactly(SEQUENCE);
        assertThat(forced.diff().identifiersAdded()).containsExactly(ROW_FILE);
        assertThat(registry.connector("sequence").currentVersion()).isEqualTo(2);
    }

    @Test
    void refusesAnUpdateOfAConnectorThatDoesNotExist() {
        refused(() -> registry.update("nope", SampleJars.sequenceV1(), false), NotFoundException.class, 404,
                "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesAnUpdateOfferingAnIdentifierAnotherConnectorOwns() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.register("row-file", SampleJars.rowFileSink());

        ConflictException taken = refused(() -> registry.update("row-file", SampleJars.sequenceV2(), true),
                ConflictException.class, 409, "IDENTIFIER_ALREADY_REGISTERED");

        assertThat(taken.owner()).isEqualTo("sequence");
        assertThat(registry.versions("row-file")).hasSize(1);
    }

    @Test
    void refusesAnUpdateWhoseFactoriesDoNotLoad() {
        registry.register("sequence", SampleJars.sequenceV1());

        refused(() -> registry.update("sequence", SampleJars.staticInitThrows(), true),
                AnalysisRefusedException.class, 422, "ANALYSIS_REFUSED");
        assertThat(registry.versions("sequence")).hasSize(1);
    }

    // --- list ------------------------------------------------------------------------------------

    @Test
    void listsConnectorsByNameWithWhatTheirCurrentVersionsOffer() {
        registerAllSamples();

        List<ConnectorSummary> all = registry.list(ListQuery.all()).items();

        assertThat(all).extracting(ConnectorSummary::name, ConnectorSummary::currentVersion)
                .containsExactly(tuple("numbers", 1), tuple("psv", 1), tuple("row-file", 1), tuple("seeded-memory", 1));
        assertThat(all.get(1).factories()).singleElement().satisfies(offered -> {
            assertThat(offered.identifier()).isEqualTo("psv");
            assertThat(offered.families()).containsExactly("decoding-format", "encoding-format");
        });
        assertThat(all.get(0).factories()).extracting(ConnectorSummary.Offered::identifier).containsExactly("sequence");
        for (ConnectorSummary connector : all) {
            Version current = registry.version(connector.name(), connector.currentVersion());
            assertThat(connector.updatedBy()).as("updatedBy of %s", connector.name()).isEqualTo(current.createdBy());
            assertThat(connector.warnings()).as("warnings of %s", connector.name()).isEqualTo(
                    (int) current.analysis().findings().stream().filter(f -> "WARNING".equals(f.severity())).count());
        }
    }

    @Test
    void filtersTheListByIdentifierFamilyAndText() {
        registerAllSamples();

        assertThat(names(ListQuery.all().withIdentifier("psv"))).containsExactly("psv");
        assertThat(names(ListQuery.all().withIdentifier("ps"))).isEmpty();
        assertThat(names(ListQuery.all().withFamily("catalog"))).containsExactly("seeded-memory");
        assertThat(names(ListQuery.all().withFamily("encoding-format"))).containsExactly("psv");
        assertThat(names(ListQuery.all().withFamily("table-connector"))).containsExactly("numbers", "row-file");
        assertThat(names(ListQuery.all().withFamily("format")))
                .as("'format' finds decoding and encoding formats, as a table's 'format' option does").containsExactly("psv");
        assertThat(names(ListQuery.all().withFamily("formats"))).as("no such family").isEmpty();
        assertThat(names(ListQuery.all().withText("SEQU"))).as("an identifier, in any case").containsExactly("numbers");
        assertThat(names(ListQuery.all().withText("memory"))).containsExactly("seeded-memory");
        assertThat(names(ListQuery.all().withText("%"))).as("no wildcards").isEmpty();
        assertThat(names(ListQuery.all().withFamily("table-connector").withText("row"))).containsExactly("row-file");
    }

    @Test
    void pagesTheListAndCountsEverythingThatMatches() {
        registerAllSamples();

        var second = registry.list(ListQuery.all().withPage(1, 3));
        var beyond = registry.list(ListQuery.all().withPage(5, 3));

        assertThat(second.items()).extracting(ConnectorSummary::name).containsExactly("seeded-memory");
        assertThat(second).extracting(p -> p.page(), p -> p.size(), p -> p.total()).containsExactly(1, 3, 4L);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);
    }

    @Test
    void refusesAPageOutOfRange() {
        refused(() -> registry.list(ListQuery.all().withPage(0, 0)), RegistryProblemException.class, 400,
                "INVALID_REQUEST");
        refused(() -> registry.list(ListQuery.all().withPage(0, 201)), RegistryProblemException.class, 400,
                "INVALID_REQUEST");
        refused(() -> registry.list(ListQuery.all().withPage(-1, 20)), RegistryProblemException.class, 400,
                "INVALID_REQUEST");
    }

    // --- versions, version, diff -----------------------------------------------------------------

    @Test
    void listsVersionsOldestFirstWithoutAnalysesAndShowsOneWithItsAnalysis() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);

        List<Version> versions = registry.versions("sequence");
        Version first = registry.version("sequence", 1);

        assertThat(versions).extracting(Version::version).containsExactly(1, 2);
        assertThat(versions).extracting(Version::analysis).containsOnlyNulls();
        assertThat(first.sha256()).isEqualTo(SampleJars.sha256(SampleJars.sequenceV1()));
        assertThat(first.current()).isFalse();
        assertThat(first.analysis().accepted()).isTrue();
        assertThat(offered(first.analysis())).containsExactly(SEQUENCE);
    }

    @Test
    void comparesAnyTwoVersionsInEitherDirection() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.rowFileSink(), true);

        VersionDiff forward = registry.diff("sequence", 1, 2);
        VersionDiff back = registry.diff("sequence", 2, 1);

        assertThat(forward).extracting(VersionDiff::from, VersionDiff::to).containsExactly(1, 2);
        assertThat(forward.identifiersRemoved()).containsExactly(SEQUENCE);
        assertThat(back).extracting(VersionDiff::from, VersionDiff::to).containsExactly(2, 1);
        assertThat(back.identifiersAdded()).containsExactly(SEQUENCE);
        assertThat(back.identifiersRemoved()).containsExactly(ROW_FILE);
        assertThat(back.breakingChanges()).isNotEmpty();
        assertThat(registry.diff("sequence", 1, 1).breaking()).isFalse();
    }

    @Test
    void answersNotFoundForAConnectorThatDoesNotExist() {
        List<ThrowingCallable> calls = List.of(() -> registry.connector("nope"), () -> registry.versions("nope"),
                () -> registry.version("nope", 1), () -> registry.diff("nope", 1, 1),
                () -> registry.setCurrent("nope", 1), () -> registry.deleteVersion("nope", 1),
                () -> registry.deleteConnector("nope"));

        calls.forEach(call -> refused(call, NotFoundException.class, 404, "CONNECTOR_NOT_FOUND"));
    }

    @Test
    void answersNotFoundForAVersionThatDoesNotExist() {
        registry.register("sequence", SampleJars.sequenceV1());
        List<ThrowingCallable> calls = List.of(() -> registry.version("sequence", 9),
                () -> registry.diff("sequence", 1, 9), () -> registry.diff("sequence", 9, 1),
                () -> registry.setCurrent("sequence", 9), () -> registry.deleteVersion("sequence", 9));

        calls.forEach(call -> refused(call, NotFoundException.class, 404, "VERSION_NOT_FOUND"));
    }

    // --- current, delete -------------------------------------------------------------------------

    @Test
    void rollsBackToAnEarlierVersionWhichResolvesFromThenOn() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);

        // Version 1 lacks an option version 2 declares: a server refuses the move unless forced.
        Connector rolledBack = registry.setCurrent("sequence", 1, true);

        assertThat(rolledBack.currentVersion()).isEqualTo(1);
        assertThat(rolledBack.current()).extracting(Version::version, Version::current).containsExactly(1, true);
        assertThat(registry.versions("sequence")).extracting(Version::current).containsExactly(true, false);
        assertThat(registry.resolve(ResolveQuery.identifiers("sequence")).jars()).singleElement()
                .extracting(Resolution.Jar::version, Resolution.Jar::sha256)
                .containsExactly(1, SampleJars.sha256(SampleJars.sequenceV1()));
    }

    @Test
    void refusesARollBackThatDropsAnIdentifierUnlessForced() {
        registry.register("numbers", SampleJars.sequenceV1());
        registry.update("numbers", SampleJars.rowFileSink(), true);

        ConflictException refused = refused(() -> registry.setCurrent("numbers", 1), ConflictException.class, 409,
                "BREAKING_CHANGE");

        assertThat(refused.properties().get("diff").toString()).contains("row-file");
        assertThat(registry.connector("numbers").currentVersion()).isEqualTo(2);
        assertThat(registry.setCurrent("numbers", 1, true).currentVersion()).isEqualTo(1);
        assertThat(registry.connector("numbers").currentVersion()).isEqualTo(1);
    }

    @Test
    void makesTheCurrentVersionCurrentAgainButChecksARollForwardToo() {
        registry.register("numbers", SampleJars.sequenceV1());
        registry.update("numbers", SampleJars.rowFileSink(), true);
        registry.setCurrent("numbers", 1, true);

        assertThat(registry.setCurrent("numbers", 1).currentVersion()).as("the current version again").isEqualTo(1);
        refused(() -> registry.setCurrent("numbers", 2), ConflictException.class, 409, "BREAKING_CHANGE");
    }

    @Test
    void refusesToDeleteTheCurrentVersion() {
        registry.register("sequence", SampleJars.sequenceV1());

        refused(() -> registry.deleteVersion("sequence", 1), ConflictException.class, 409, "VERSION_IS_CURRENT");
        assertThat(registry.versions("sequence")).hasSize(1);
    }

    @Test
    void deletesAVersionThatIsNeitherCurrentNorLeased() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);

        registry.deleteVersion("sequence", 1);

        assertThat(registry.versions("sequence")).extracting(Version::version).containsExactly(2);
        assertThat(registry.connector("sequence").versionCount()).isEqualTo(1);
        refused(() -> registry.version("sequence", 1), NotFoundException.class, 404, "VERSION_NOT_FOUND");
    }

    @Test
    void neverReusesTheNumberOfADeletedVersion() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);
        registry.setCurrent("sequence", 1, true);
        registry.deleteVersion("sequence", 2);

        UploadResult again = registry.update("sequence", SampleJars.sequenceV2(), false);

        assertThat(again.created()).isTrue();
        assertThat(again.version().version()).isEqualTo(3);
        assertThat(registry.versions("sequence")).extracting(Version::version).containsExactly(1, 3);
    }

    @Test
    void keepsAnIdentifierOwnedUntilNoVersionOffersIt() {
        registry.register("numbers", SampleJars.sequenceV1());
        registry.update("numbers", SampleJars.rowFileSink(), true);

        refused(() -> registry.register("other", SampleJars.sequenceV2()), ConflictException.class, 409,
                "IDENTIFIER_ALREADY_REGISTERED");
        registry.deleteVersion("numbers", 1);

        assertThat(registry.register("other", SampleJars.sequenceV2()).created()).isTrue();
    }

    @Test
    void deletesAConnectorAndFreesItsNameAndIdentifiers() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.sequenceV2(), false);

        registry.deleteConnector("sequence");

        refused(() -> registry.connector("sequence"), NotFoundException.class, 404, "CONNECTOR_NOT_FOUND");
        assertThat(registry.register("successor", SampleJars.sequenceV1()).created()).isTrue();
        assertThat(registry.register("sequence", SampleJars.psvFormat()).version().version()).isEqualTo(1);
    }

    // --- resolve ---------------------------------------------------------------------------------

    @Test
    void resolvesAnIdentifierToTheCurrentVersionsPinnedJar() {
        String sha = registry.register("sequence", SampleJars.sequenceV1()).version().sha256();

        Resolution resolution = registry.resolve(ResolveQuery.identifiers("sequence"));

        assertThat(resolution.workspace()).isEqualTo(registry.workspace());
        assertThat(resolution.flinkVersion()).isEqualTo("1.20");
        assertThat(resolution.resolved()).singleElement().satisfies(resolved -> {
            assertThat(resolved).extracting(Resolution.Resolved::identifier, Resolution.Resolved::family,
                            Resolution.Resolved::connector, Resolution.Resolved::version, Resolution.Resolved::sha256,
                            Resolution.Resolved::size)
                    .containsExactly("sequence", "table-connector", "sequence", 1, sha,
                            SampleJars.sequenceV1().toFile().length());
            assertThat(resolved.url()).endsWith(sha);
        });
        assertThat(resolution.jars()).singleElement().extracting(Resolution.Jar::connector, Resolution.Jar::sha256)
                .containsExactly("sequence", sha);
        assertThat(resolution.builtIn()).isEmpty();
        assertThat(resolution.lease()).isNull();
    }

    @Test
    void resolvesEachIdentifierOnlyInTheFamilyAskedFor() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.register("psv", SampleJars.psvFormat());

        Resolution resolution = registry.resolve(new ResolveQuery(List.of(new Wanted("psv", "format"),
                new Wanted("psv", null), new Wanted("sequence", "table-connector")), null, null, null));

        assertThat(resolution.resolved()).extracting(Resolution.Resolved::identifier, Resolution.Resolved::family)
                .containsExactly(tuple("psv", "decoding-format"), tuple("psv", "decoding-format"),
                        tuple("sequence", "table-connector"));
        assertThat(resolution.jars()).extracting(Resolution.Jar::connector).containsExactly("psv", "sequence");
        assertThat(unresolved(wanted(new Wanted("psv", "table-connector"))))
                .containsExactly(Map.of("identifier", "psv", "family", "table-connector"));
        assertThat(unresolved(wanted(new Wanted("sequence", "format"))))
                .containsExactly(Map.of("identifier", "sequence", "family", "format"));
        assertThat(unresolved(wanted(new Wanted("sequence", "no-such-family"))))
                .containsExactly(Map.of("identifier", "sequence", "family", "no-such-family"));
    }

    @Test
    void resolvesOneIdentifierInSeveralFamiliesToOneJar() {
        registry.register("psv", SampleJars.psvFormat());

        Resolution resolution = registry.resolve(new ResolveQuery(List.of(new Wanted("psv", "decoding-format"),
                new Wanted("psv", "encoding-format")), null, null, null));

        assertThat(resolution.resolved()).extracting(Resolution.Resolved::family)
                .containsExactly("decoding-format", "encoding-format");
        assertThat(resolution.jars()).hasSize(1);
    }

    @Test
    void resolvesWhatAScriptUsesAndListsWhatFlinkShipsApart() {
        registerAllSamples();

        Resolution resolution = registry.resolve(ResolveQuery.sql(SCRIPT));

        assertThat(resolution.resolved()).extracting(Resolution.Resolved::identifier, Resolution.Resolved::family,
                        Resolution.Resolved::connector)
                .containsExactlyInAnyOrder(tuple("sequence", "table-connector", "numbers"),
                        tuple("row-file", "table-connector", "row-file"), tuple("psv", "decoding-format", "psv"),
                        tuple("seeded-memory", "catalog", "seeded-memory"));
        assertThat(resolution.jars()).hasSize(4);
        assertThat(resolution.builtIn()).extracting(Resolution.BuiltIn::identifier, Resolution.BuiltIn::family)
                .containsExactlyInAnyOrder(tuple("print", "table-connector"), tuple("filesystem", "table-connector"),
                        tuple("json", "format"));
    }

    @Test
    void namesTheFamilyABuiltInIdentifierWasAskedIn() {
        Resolution resolution = registry.resolve(new ResolveQuery(List.of(new Wanted("json", null),
                new Wanted("json", "decoding-format"), new Wanted("print", "table-connector"),
                new Wanted("generic_in_memory", "catalog")), null, null, null));

        assertThat(resolution.builtIn()).extracting(Resolution.BuiltIn::identifier, Resolution.BuiltIn::family)
                .containsExactly(tuple("json", "any"), tuple("json", "decoding-format"), tuple("print", "table-connector"),
                        tuple("generic_in_memory", "catalog"));
        assertThat(resolution.resolved()).isEmpty();
        assertThat(resolution.jars()).isEmpty();
        assertThat(unresolved(wanted(new Wanted("json", "table-connector"))))
                .containsExactly(Map.of("identifier", "json", "family", "table-connector"));
    }

    @Test
    void refusesToResolveWhatNothingProvidesAndSaysWhatInWhichFamily() {
        registry.register("sequence", SampleJars.sequenceV1());

        RegistryProblemException refusal = refused(() -> registry.resolve(new ResolveQuery(List.of(
                        new Wanted("sequence", null), new Wanted("nope", null), new Wanted("nada", "catalog")), null,
                        null, null)),
                RegistryProblemException.class, 422, "UNRESOLVED_IDENTIFIERS");

        assertThat(refusal.properties().get("unresolved")).isEqualTo(List.of(
                Map.of("identifier", "nope", "family", "any"), Map.of("identifier", "nada", "family", "catalog")));
    }

    @Test
    void resolvesOnlyWhatCurrentVersionsOffer() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.update("sequence", SampleJars.rowFileSink(), true);

        assertThat(unresolved(ResolveQuery.identifiers("sequence")))
                .containsExactly(Map.of("identifier", "sequence", "family", "any"));
        assertThat(registry.resolve(ResolveQuery.identifiers("row-file")).jars()).singleElement()
                .extracting(Resolution.Jar::version).isEqualTo(2);
    }

    @Test
    void refusesAResolveThatAsksForNothing() {
        refused(() -> registry.resolve(new ResolveQuery(List.of(), null, null, null)), RegistryProblemException.class,
                400, "NOTHING_TO_RESOLVE");
        refused(() -> registry.resolve(ResolveQuery.sql("INSERT INTO a SELECT * FROM b")),
                RegistryProblemException.class, 400, "NOTHING_TO_RESOLVE");
    }

    @Test
    void refusesAScriptItCannotReadAndSaysWhere() {
        String broken = "CREATE TABLE ok (id INT) WITH ('connector' = 'print');\n"
                + "CREATE TABLE t (id INT) WITH ('connector' = 'sequence";

        RegistryProblemException resolving = refused(() -> registry.resolve(ResolveQuery.sql(broken)),
                RegistryProblemException.class, 400, "INVALID_SQL");
        RegistryProblemException validating = refused(() -> registry.validateSql(broken),
                RegistryProblemException.class, 400, "INVALID_SQL");

        assertThat(resolving.properties()).containsEntry("line", 2);
        assertThat(validating.properties()).containsEntry("line", 2);
    }

    // --- leases ----------------------------------------------------------------------------------

    @Test
    void keepsLeasedVersionsUntilTheJobReleasesThem() {
        registry.register("sequence", SampleJars.sequenceV1());
        Instant before = Instant.now();
        Resolution leased = registry.resolve(ResolveQuery.identifiers("sequence").forJob("job-a", 600L));
        registry.update("sequence", SampleJars.sequenceV2(), false);

        assertThat(leased.lease().jobId()).isEqualTo("job-a");
        assertThat(leased.lease().expiresAt()).isBetween(before.plusSeconds(590), Instant.now().plusSeconds(610));
        ConflictException inUse = refused(() -> registry.deleteVersion("sequence", 1), ConflictException.class, 409,
                "VERSION_LEASED");
        assertThat(inUse.properties()).containsEntry("jobs", List.of("job-a"));
        refused(() -> registry.deleteConnector("sequence"), ConflictException.class, 409, "VERSION_LEASED");

        registry.releaseLease("job-a");
        registry.deleteVersion("sequence", 1);

        assertThat(registry.versions("sequence")).extracting(Version::version).containsExactly(2);
    }

    @Test
    void leasesForADayWhenNoLengthIsAsked() {
        registry.register("sequence", SampleJars.sequenceV1());
        Instant before = Instant.now();

        Resolution leased = registry.resolve(ResolveQuery.identifiers("sequence").forJob("job-b", null));

        assertThat(leased.lease().expiresAt()).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(10),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(10));
    }

    @Test
    void refusesALeaseOfNoTime() {
        registry.register("sequence", SampleJars.sequenceV1());

        refused(() -> registry.resolve(ResolveQuery.identifiers("sequence").forJob("job-c", 0L)),
                RegistryProblemException.class, 400, "INVALID_REQUEST");
    }

    @Test
    void leasesNothingWhenAnIdentifierCannotBeResolved() {
        registry.register("sequence", SampleJars.sequenceV1());

        refused(() -> registry.resolve(ResolveQuery.identifiers("sequence", "nope").forJob("job-x", null)),
                RegistryProblemException.class, 422, "UNRESOLVED_IDENTIFIERS");

        registry.deleteConnector("sequence");
    }

    @Test
    void releasesALeaseThatDoesNotExistWithoutComplaint() {
        registry.releaseLease("job-that-never-was");

        assertThat(registry.list(ListQuery.all()).total()).isZero();
    }

    // --- validate --------------------------------------------------------------------------------

    @Test
    void validatesTheOptionsOfARegisteredConnector() {
        registry.register("sequence", SampleJars.sequenceV1());

        Validation validation = registry.validateOptions(Map.of("connector", "sequence", "number-of-rows", "5"));

        assertThat(validation.valid()).isTrue();
        assertThat(validation.results()).singleElement().satisfies(result -> {
            assertThat(result).extracting(Validation.StatementResult::kind, Validation.StatementResult::name,
                    Validation.StatementResult::line).containsExactly("OPTIONS", null, null);
            assertThat(result.result()).extracting(Validation.Result::valid, Validation.Result::identifier)
                    .containsExactly(true, "sequence");
            assertThat(result.result().problems()).isEmpty();
        });
    }

    @Test
    void findsATablesConnectorAmongTableConnectorsOnly() {
        registry.register("psv", SampleJars.psvFormat());
        registry.register("seeded-memory", SampleJars.memoryCatalog());

        assertThat(problems(registry.validateOptions(Map.of("connector", "psv"))))
                .containsExactly(tuple("UNKNOWN_IDENTIFIER", "ERROR", "connector"));
        assertThat(problems(registry.validateOptions(Map.of("connector", "seeded-memory"))))
                .containsExactly(tuple("UNKNOWN_IDENTIFIER", "ERROR", "connector"));
        assertThat(problems(registry.validateOptions(Map.of("connector", "nope"))))
                .containsExactly(tuple("UNKNOWN_IDENTIFIER", "ERROR", "connector"));
        assertThat(registry.validateOptions(Map.of("connector", "print")).valid()).as("built into Flink").isTrue();
    }

    @Test
    void validatesACatalogsOptionsByItsType() {
        registry.register("seeded-memory", SampleJars.memoryCatalog());

        Validation catalog = registry.validateOptions(Map.of("type", "seeded-memory"));
        Validation builtIn = registry.validateOptions(Map.of("type", "generic_in_memory"));

        assertThat(catalog.valid()).isTrue();
        assertThat(catalog.results().get(0).result().identifier()).isEqualTo("seeded-memory");
        assertThat(builtIn.valid()).isTrue();
        assertThat(problems(registry.validateOptions(Map.of("type", "sequence"))))
                .containsExactly(tuple("UNKNOWN_IDENTIFIER", "ERROR", "type"));
    }

    @Test
    void reportsOptionsThatNameNoConnector() {
        Validation validation = registry.validateOptions(Map.of("number-of-rows", "5"));

        assertThat(validation.valid()).isFalse();
        assertThat(validation.results().get(0).result().identifier()).isNull();
        assertThat(problems(validation)).containsExactly(tuple("MISSING_IDENTIFIER", "ERROR", "connector"));
    }

    @Test
    void validatesEveryCreateTableAndCreateCatalogOfAScript() {
        registry.register("sequence", SampleJars.sequenceV1());
        registry.register("seeded-memory", SampleJars.memoryCatalog());

        Validation validation = registry.validateSql("""
                CREATE TABLE ok (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE unknown (id BIGINT) WITH ('connector' = 'nope');
                CREATE CATALOG seeded WITH ('type' = 'seeded-memory');
                CREATE TABLE plain (id BIGINT);
                ALTER TABLE ok SET ('connector' = 'nope');
                INSERT INTO unknown SELECT * FROM ok;""");

        assertThat(validation.valid()).isFalse();
        assertThat(validation.results()).extracting(Validation.StatementResult::kind, Validation.StatementResult::name,
                        Validation.StatementResult::line, r -> r.result().valid())
                .containsExactly(tuple("TABLE", "ok", 1, true), tuple("TABLE", "unknown", 2, false),
                        tuple("CATALOG", "seeded", 3, true));
        assertThat(validation.results().get(1).result().problems()).extracting(Validation.Problem::code)
                .containsExactly("UNKNOWN_IDENTIFIER");
    }

    @Test
    void refusesAScriptWithNothingToValidate() {
        refused(() -> registry.validateSql("CREATE TABLE plain (id BIGINT); INSERT INTO plain SELECT 1;"),
                RegistryProblemException.class, 400, "NOTHING_TO_VALIDATE");
    }

    // --- fetch -----------------------------------------------------------------------------------

    @Test
    void fetchesTheBytesOfARegisteredVersion() {
        String sha = registry.register("sequence", SampleJars.sequenceV1()).version().sha256();

        Path fetched = registry.fetch(sha);

        assertThat(fetched).hasSameBinaryContentAs(SampleJars.sequenceV1());
        assertThat(registry.fetch(sha)).hasSameBinaryContentAs(SampleJars.sequenceV1());
    }

    @Test
    void fetchesTheBytesAsRegisteredEvenAfterTheUploadedFileChanged() throws IOException {
        Path upload = Files.copy(SampleJars.sequenceV1(), temp.resolve("sequence.jar"));
        String sha = registry.register("sequence", upload).version().sha256();

        Files.copy(SampleJars.rowFileSink(), upload, StandardCopyOption.REPLACE_EXISTING);

        assertThat(registry.fetch(sha)).hasSameBinaryContentAs(SampleJars.sequenceV1());
    }

    @Test
    void answersNotFoundForBytesNoVersionHas() {
        refused(() -> registry.fetch("f".repeat(64)), NotFoundException.class, 404, "VERSION_NOT_FOUND");
    }

    @Test
    void refusesToFetchByAnythingButALowerCaseSha256() {
        assertThatThrownBy(() -> registry.fetch("not-a-digest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.fetch("F".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Registers every loadable sample, the sequence source as {@code numbers}. */
    private void registerAllSamples() {
        registry.register("numbers", SampleJars.sequenceV1());
        registry.register("row-file", SampleJars.rowFileSink());
        registry.register("psv", SampleJars.psvFormat());
        registry.register("seeded-memory", SampleJars.memoryCatalog());
    }

    private List<String> names(ListQuery query) {
        return registry.list(query).items().stream().map(ConnectorSummary::name).toList();
    }

    private static ResolveQuery wanted(Wanted... wanted) {
        return new ResolveQuery(List.of(wanted), null, null, null);
    }

    /** The {@code unresolved} member of the refusal of this query. */
    private List<Object> unresolved(ResolveQuery query) {
        RegistryProblemException refusal = refused(() -> registry.resolve(query), RegistryProblemException.class, 422,
                "UNRESOLVED_IDENTIFIERS");
        assertThat(refusal.properties().get("unresolved")).isInstanceOf(List.class);
        return List.<Object>copyOf((List<?>) refusal.properties().get("unresolved"));
    }

    /** Each problem of the only result as (code, severity, key). */
    private static List<org.assertj.core.groups.Tuple> problems(Validation validation) {
        assertThat(validation.results()).hasSize(1);
        return validation.results().get(0).result().problems().stream()
                .map(p -> tuple(p.code(), p.severity(), p.key())).toList();
    }

    /** The (family, identifier) pairs an analysis found. */
    private static List<IdentifierRef> offered(Analysis analysis) {
        return analysis.factories().stream()
                .flatMap(f -> f.families().stream().map(family -> new IdentifierRef(family, f.identifier())))
                .toList();
    }

    /** Asserts that the call is refused as {@code type} with this HTTP status and code; returns the refusal. */
    private static <T extends RegistryProblemException> T refused(ThrowingCallable call, Class<T> type, int status,
                                                                  String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        T refusal = type.cast(thrown);
        assertThat(refusal.status()).as("status of %s", refusal).isEqualTo(status);
        assertThat(refusal.code()).as("code of %s", refusal).isEqualTo(code);
        return refusal;
    }
}
