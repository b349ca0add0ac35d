package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.ServerLog;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Explaining Flink error texts (in Flink 1.20's exact wording; the texts of real Flink runs are
 * explained in registry-e2e's {@code ExplainFlinkErrorsTest}) from a workspace with sequence v1 and
 * v2, row-file and psv: parsing edge cases (a stack trace repeating its message in "Caused by:"
 * parts, a JSON-escaped log line, CR LF line ends, both the text/plain and the JSON body) and what
 * each answer says.
 *
 * <p>Bad inputs tried: an empty body, blank text, JSON without {@code error}, {@code error} that is
 * a number, malformed JSON, bytes that are not UTF-8, 300 KiB of text, an octet-stream body, an
 * unknown workspace, text with NUL and control characters, prose that names no Flink error, a
 * UTF-16 and an ISO-8859-1 charset, and 256 KiB of distinct, repeated or long-listed problems
 * (answered with at most 50); none reaches the log.
 */
abstract class ExplainApiTest extends RegistryApiTest {

    private static final String MARKER = "EXPLAINMARKER42";
    private static final String DYNAMIC_TABLE = "org.apache.flink.table.factories.DynamicTableFactory";

    private String workspace;
    private String v2Sha;
    private ServerLog log;

    @BeforeAll
    void registerConnectors() {
        log = ServerLog.capture();
        workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());
        Answer v2 = update(workspace, "sequence", TestJars.sequenceV2());
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        v2Sha = v2.json().path("version").path("sha256").asString();
        registered(workspace, "row-file", TestJars.rowFileSink());
        registered(workspace, "psv", TestJars.psvFormat());
    }

    @AfterAll
    void releaseLog() {
        if (log != null) {
            log.close();
        }
    }

    private static String noFactory(String identifier, String factoryInterface) {
        return "org.apache.flink.table.api.ValidationException: Could not find any factory for identifier '" + identifier
                + "' that implements '" + factoryInterface + "' in the classpath.\n\nAvailable factory identifiers are:"
                + "\n\nblackhole\ndatagen\nfilesystem\nprint\n\tat org.apache.flink.table.factories.FactoryUtil"
                + ".discoverFactory(FactoryUtil.java:617)\n";
    }

    private Answer explainText(String text) {
        return http.post(workspace + "/explain", "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode explained(String text) {
        Answer answer = explainText(text);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode only(JsonNode answer) {
        assertThat(answer.path("problems").size()).as(answer.toString()).isEqualTo(1);
        return answer.path("problems").get(0);
    }

    @Test
    void namesTheCurrentVersionAndItsAddJarForAnUnknownConnector() {
        String trace = "org.apache.flink.table.api.ValidationException: Unable to create a source for reading table "
                + "'default_catalog.default_database.src'.\n\nTable options are:\n\n'connector'='sequence'\n"
                + "\tat org.apache.flink.table.factories.FactoryUtil.createDynamicTableSource(FactoryUtil.java:228)\n"
                + "Caused by: " + noFactory("sequence", DYNAMIC_TABLE) + "\t... 30 more\n";

        JsonNode problem = only(explained(trace + "Caused by: " + noFactory("sequence", DYNAMIC_TABLE)));

        assertThat(problem.path("kind").asString()).isEqualTo("FACTORY_NOT_FOUND");
        assertThat(problem.path("identifier").asString()).isEqualTo("sequence");
        assertThat(problem.path("family").asString()).isEqualTo("table-connector");
        assertThat(problem.path("builtIn").asBoolean()).isFalse();
        JsonNode first = problem.path("providers").get(0);
        assertThat(first.path("connector").asString()).isEqualTo("sequence");
        assertThat(first.path("version").asInt()).isEqualTo(2);
        assertThat(first.path("current").asBoolean()).isTrue();
        assertThat(first.path("suitable").asBoolean()).isTrue();
        assertThat(first.path("flinkVersion").asString()).isEqualTo("1.20");
        assertThat(first.path("sha256").asString()).isEqualTo(v2Sha);
        assertThat(each(problem.path("providers"), "version")).containsExactly("2", "1");
        assertThat(strings(problem.path("fix"))).anySatisfy(line -> assertThat(line).startsWith("fcr fetch"))
                .anySatisfy(line -> assertThat(line).startsWith("curl").contains("'" + first.path("url").asString() + "'"))
                .contains("ADD JAR '/path/to/sequence-2.jar';");
        assertThat(first.path("url").asString()).endsWith("/jars/" + v2Sha);
    }

    @Test
    void suggestsTheIdentifierThatWasMeantWhenNothingProvidesIt() {
        JsonNode problem = only(explained(noFactory("sequnce", DYNAMIC_TABLE)));

        assertThat(problem.path("providers").isEmpty()).isTrue();
        assertThat(problem.path("explanation").asString()).contains("Nothing registered").contains("'sequnce'");
        assertThat(strings(problem.path("suggestions"))).first().isEqualTo("sequence");
    }

    @Test
    void recognisesABuiltInIdentifierAndAFormatLookedUpAsAConnector() {
        JsonNode builtIn = only(explained(noFactory("datagen", DYNAMIC_TABLE)));
        assertThat(builtIn.path("builtIn").asBoolean()).isTrue();
        assertThat(builtIn.path("explanation").asString()).contains("built into Flink 1.20");

        JsonNode format = only(explained(noFactory("psv", DYNAMIC_TABLE)));
        assertThat(format.path("explanation").asString()).contains("registered, but as a").contains("format");
        assertThat(each(format.path("providers"), "connector")).contains("psv");
    }

    @Test
    void explainsAMissingFormatFactoryInBothWordings() {
        JsonNode answer = explained(noFactory("psv", "org.apache.flink.table.factories.DeserializationFormatFactory")
                + "\nCaused by: org.apache.flink.table.api.ValidationException: Could not find any format factory for "
                + "identifier 'jsn' in the classpath.\n");

        assertThat(answer.path("problems").size()).isEqualTo(2);
        JsonNode psv = answer.path("problems").get(0);
        assertThat(psv.path("kind").asString()).isEqualTo("FORMAT_FACTORY_NOT_FOUND");
        assertThat(psv.path("family").asString()).isEqualTo("decoding-format");
        assertThat(psv.path("providers").get(0).path("connector").asString()).isEqualTo("psv");
        JsonNode jsn = answer.path("problems").get(1);
        assertThat(jsn.path("kind").asString()).isEqualTo("FORMAT_FACTORY_NOT_FOUND");
        assertThat(strings(jsn.path("suggestions"))).contains("json");
    }

    @Test
    void saysWhichVersionDeclaresAnOptionAndWhatAMisspeltOneMeant() {
        String text = "Caused by: org.apache.flink.table.api.ValidationException: Unsupported options found for "
                + "'sequence'.\r\n\r\nUnsupported options:\r\n\r\nnmber-of-rows\r\nstep\r\n\r\nSupported options:\r\n\r\n"
                + "connector\r\nnumber-of-rows\r\nproperty-version\r\n\tat org.apache.flink.table.factories.FactoryUtil"
                + ".validateUnconsumedKeys(FactoryUtil.java:1283)\r\n";

        JsonNode problem = only(explained(text));

        assertThat(problem.path("kind").asString()).isEqualTo("UNSUPPORTED_OPTIONS");
        JsonNode misspelt = problem.path("unsupportedOptions").get(0);
        assertThat(misspelt.path("key").asString()).isEqualTo("nmber-of-rows");
        assertThat(misspelt.path("suggestion").asString()).isEqualTo("number-of-rows");
        JsonNode step = problem.path("unsupportedOptions").get(1);
        assertThat(step.path("key").asString()).isEqualTo("step");
        assertThat(strings(step.path("declaredBy"))).containsExactly("sequence 2 (current)");
        assertThat(strings(problem.path("fix"))).contains("Replace 'nmber-of-rows' with 'number-of-rows'.")
                .anySatisfy(line -> assertThat(line).contains("'step'").contains("fetch again"))
                .anySatisfy(line -> assertThat(line).startsWith("curl").contains(v2Sha));
    }

    @Test
    void suggestsFallbackKeysTheFactoryDeclaresAndBuiltInOptions() {
        JsonNode rowFile = only(explained("Unsupported options found for 'row-file'.\n\nUnsupported options:\n\n"
                + "separatr\n\nSupported options:\n\nconnector\npath\n"));
        assertThat(rowFile.path("unsupportedOptions").get(0).path("suggestion").asString()).isEqualTo("separator");
        assertThat(rowFile.path("builtIn").asBoolean()).isFalse();

        JsonNode datagen = only(explained("Unsupported options found for 'datagen'.\n\nUnsupported options:\n\n"
                + "rows-per-secnd\n\nSupported options:\n\nconnector\n"));
        assertThat(datagen.path("builtIn").asBoolean()).isTrue();
        assertThat(datagen.path("unsupportedOptions").get(0).path("suggestion").asString()).isEqualTo("rows-per-second");
        assertThat(datagen.path("explanation").asString()).contains("built-in factory");
    }

    @Test
    void namesTheVersionsBehindAmbiguousFactoryClasses() {
        String text = "org.apache.flink.table.api.ValidationException: Multiple factories for identifier 'sequence' "
                + "that implement '" + DYNAMIC_TABLE + "' found in the classpath.\n\nAmbiguous factory classes are:\n\n"
                + "dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory\ncom.example.OtherSequenceFactory\n"
                + "\tat org.apache.flink.table.factories.FactoryUtil.discoverFactory(FactoryUtil.java:626)\n";

        JsonNode problem = only(explained(text));

        assertThat(problem.path("kind").asString()).isEqualTo("MULTIPLE_FACTORIES");
        assertThat(problem.path("explanation").asString()).contains("com.example.OtherSequenceFactory (not registered")
                .contains("sequence version 2 (current)");
        assertThat(each(problem.path("providers"), "version")).containsExactlyInAnyOrder("1", "2");
        assertThat(strings(problem.path("fix"))).first().asString().contains("Keep only connector 'sequence' version 2");
    }

    @Test
    void findsTheVersionsWhoseJarHoldsAMissingClassInBothNotations() {
        JsonNode answer = explained("java.lang.NoClassDefFoundError: dev/flinkregistry/samples/sequence/SequenceSplit\n"
                + "\tat dev.flinkregistry.samples.sequence.SequenceSource.createEnumerator(SequenceSource.java:40)\n"
                + "Caused by: java.lang.ClassNotFoundException: dev.flinkregistry.samples.sequence.SequenceSplit\n"
                + "Caused by: java.lang.ClassNotFoundException: com.example.shaded.Missing\n");

        assertThat(answer.path("problems").size()).isEqualTo(2);
        JsonNode found = answer.path("problems").get(0);
        assertThat(found.path("kind").asString()).isEqualTo("CLASS_NOT_FOUND");
        assertThat(found.path("className").asString()).isEqualTo("dev.flinkregistry.samples.sequence.SequenceSplit");
        assertThat(each(found.path("providers"), "version")).containsExactly("2", "1");
        assertThat(strings(found.path("fix"))).anySatisfy(line -> assertThat(line).startsWith("curl").contains(v2Sha))
                .contains("ADD JAR '/path/to/sequence-2.jar';");
        JsonNode missing = answer.path("problems").get(1);
        assertThat(missing.path("providers").isEmpty()).isTrue();
        assertThat(missing.path("explanation").asString()).contains("Nothing registered");
    }

    @Test
    void readsAJsonBodyAndAJsonEscapedLogLine() {
        String logLine = "{\"level\":\"ERROR\",\"stack\":\"" + noFactory("sequence", DYNAMIC_TABLE)
                .replace("\n", "\\n").replace("\t", "\\t") + "\"}";
        Answer answer = http.postJson(workspace + "/explain", Map.of("error", logLine));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode problem = only(answer.json());
        assertThat(problem.path("identifier").asString()).isEqualTo("sequence");
        assertThat(answer.json().path("flinkVersion").asString()).isEqualTo("1.20");
    }

    @Test
    void answersTextWithoutAKnownErrorWithNoProblemsAndAMessage() {
        for (String text : List.of("the job failed " + MARKER, "\u0000\u0001\u0002 binary\u0007 " + MARKER,
                "java.lang.NoClassDefFoundError: Could not initialize class " + MARKER)) {
            JsonNode answer = explained(text);
            assertThat(answer.path("problems").isEmpty()).as(text).isTrue();
            assertThat(answer.path("message").asString()).contains("No Flink factory");
        }
        assertThat(log.entries()).noneMatch(entry -> entry.contains(MARKER));
    }

    @Test
    void refusesBadBodiesWithProblemDocuments() {
        String path = workspace + "/explain";
        assertProblem(http.post(path, "text/plain", new byte[0]), 400, "NOTHING_TO_EXPLAIN");
        assertProblem(explainText(" \n\t "), 400, "NOTHING_TO_EXPLAIN");
        assertProblem(http.postJson(path, Map.of("other", MARKER)), 400, "NOTHING_TO_EXPLAIN");
        assertProblem(http.postJson(path, Map.of("error", 5)), 400, "ERROR_TEXT_UNREADABLE");
        assertProblem(http.post(path, "application/json", ("{\"error\": \"" + MARKER).getBytes(StandardCharsets.UTF_8)),
                400, "ERROR_TEXT_UNREADABLE");
        assertProblem(http.post(path, "text/plain", new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'}), 400,
                "ERROR_TEXT_UNREADABLE");
        JsonNode tooLarge = assertProblem(explainText(MARKER + "x".repeat(300 * 1024)), 413, "ERROR_TEXT_TOO_LARGE");
        assertThat(tooLarge.path("maxBytes").asLong()).isEqualTo(256 * 1024);
        assertProblem(http.post(path, "application/octet-stream", MARKER.getBytes(StandardCharsets.UTF_8)), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.post(WORKSPACES + "/missing/explain", "text/plain", noFactory("x", DYNAMIC_TABLE)
                .getBytes(StandardCharsets.UTF_8)), 404, "WORKSPACE_NOT_FOUND");
        assertThat(log.entries()).noneMatch(entry -> entry.contains(MARKER));
    }

    @Test
    void namesTheVersionCarryingTheDependencyJarThatHoldsAMissingClass() {
        String ws = newWorkspace();
        Path driver = TestJars.jar("broken-echo-driver");
        Multipart form = new Multipart().file("file", "broken-needs-driver.jar", bytes(TestJars.jar("broken-needs-driver")))
                .file("dependency", "broken-echo-driver.jar", bytes(driver));
        Answer registered = http.post(ws + "/connectors?name=needs", form.contentType(), form.bytes());
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String driverSha = sha256(bytes(driver));

        Answer answer = http.post(ws + "/explain", "text/plain", ("java.lang.NoClassDefFoundError: "
                + "dev/flinkregistry/samples/broken/echodriver/EchoDriver\n\tat dev.flinkregistry.samples.x.Y.z(Y.java:1)\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode problem = only(answer.json());
        assertThat(problem.path("className").asString()).isEqualTo("dev.flinkregistry.samples.broken.echodriver.EchoDriver");
        assertThat(problem.path("explanation").asString()).doesNotContain("Nothing registered")
                .contains("broken-echo-driver.jar", "connector 'needs' version 1");
        JsonNode provider = problem.path("providers").get(0);
        assertThat(problem.path("providers").size()).isEqualTo(1);
        assertThat(provider.path("connector").asString()).isEqualTo("needs");
        assertThat(provider.path("version").asInt()).isEqualTo(1);
        assertThat(provider.path("dependencyJar").asString()).isEqualTo("broken-echo-driver.jar");
        assertThat(provider.path("sha256").asString()).isEqualTo(driverSha);
        assertThat(provider.path("url").asString()).endsWith("/jars/" + driverSha);
        assertThat(strings(problem.path("fix"))).anySatisfy(line -> assertThat(line).startsWith("fcr fetch"))
                .anySatisfy(line -> assertThat(line).startsWith("curl").contains(driverSha))
                .contains("ADD JAR '/path/to/broken-echo-driver.jar';");
        // A connector's own class still names the connector JAR, not a dependency.
        JsonNode own = only(explained("java.lang.ClassNotFoundException: dev.flinkregistry.samples.sequence.SequenceSplit\n"));
        assertThat(own.path("providers").get(0).path("dependencyJar").isNull()).isTrue();
    }

    @Test
    void explainsAtMostFiftyProblemsOfA256KibTextAndSaysTheRestWasCut() {
        StringBuilder classes = new StringBuilder();
        for (int i = 0; classes.length() < 256 * 1024 - 100; i++) {
            classes.append("ClassNotFoundException: a.B").append(i).append('\n');
        }
        String unsupported = "Unsupported options found for 'a'.\n".repeat(256 * 1024 / 36);

        long started = System.nanoTime();
        JsonNode many = explained(classes.toString());
        long classesMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        JsonNode repeated = explained(unsupported);
        long unsupportedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("explain 256 KiB: %d distinct classes %d ms, repeated unsupported options %d ms%n",
                classes.toString().split("\n").length, classesMillis, unsupportedMillis);

        assertThat(many.path("problems").size()).isEqualTo(50);
        assertThat(many.path("problems").get(0).path("className").asString()).isEqualTo("a.B0");
        assertThat(many.path("message").asString()).contains("only the first 50 are explained")
                .contains(classes.toString().split("\n").length + " distinct problems");
        JsonNode options = only(repeated);
        assertThat(options.path("kind").asString()).isEqualTo("UNSUPPORTED_OPTIONS");
        assertThat(repeated.path("message").isNull() || repeated.path("message").isMissingNode()).isTrue();

        StringBuilder ambiguous = new StringBuilder();
        for (int block = 0; ambiguous.length() < 200 * 1024; block++) {
            ambiguous.append("Multiple factories for identifier 'id").append(block).append("' that implement '")
                    .append(DYNAMIC_TABLE).append("' found in the classpath.\n\nAmbiguous factory classes are:\n\n");
            for (int c = 0; c < 1000; c++) {
                ambiguous.append("x.F").append(c).append('\n');
            }
            ambiguous.append('\n');
        }
        JsonNode blocks = explained(ambiguous.toString());
        assertThat(blocks.path("problems").size()).isLessThanOrEqualTo(50);
        assertThat(blocks.path("problems").get(0).path("explanation").asString()).contains("x.F49 (")
                .doesNotContain("x.F50 (");
    }

    @Test
    void refusesACharsetOtherThanUtf8() {
        String text = noFactory("sequence", DYNAMIC_TABLE) + MARKER;
        JsonNode utf16 = assertProblem(http.post(workspace + "/explain", "text/plain;charset=UTF-16",
                text.getBytes(StandardCharsets.UTF_16)), 400, "ERROR_TEXT_UNREADABLE");
        assertThat(utf16.path("detail").asString()).contains("UTF-8");
        assertProblem(http.post(workspace + "/explain", "application/json; charset=ISO-8859-1",
                ("{\"error\": \"" + MARKER + "\"}").getBytes(StandardCharsets.ISO_8859_1)), 400, "ERROR_TEXT_UNREADABLE");
        Answer ascii = http.post(workspace + "/explain", "text/plain; charset=US-ASCII",
                noFactory("sequence", DYNAMIC_TABLE).getBytes(StandardCharsets.US_ASCII));
        assertThat(ascii.status()).as(ascii.text()).isEqualTo(200);
        assertThat(only(ascii.json()).path("identifier").asString()).isEqualTo("sequence");
        assertThat(log.entries()).noneMatch(entry -> entry.contains(MARKER));
    }

    @Test
    void letsAViewerExplain() {
        RegistryHttp viewer = withRole(workspace, "viewer");
        Answer answer = viewer.post(workspace + "/explain", "text/plain",
                noFactory("sequence", DYNAMIC_TABLE).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("problems").get(0).path("providers").isEmpty()).isFalse();
    }
}
