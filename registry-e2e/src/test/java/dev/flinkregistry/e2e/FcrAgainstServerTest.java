package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.cli.Fcr;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code fcr} command line against the real server: upload with a progress bar, show the
 * options table, list, versions, validate a SQL file (exit 1 when invalid), fetch the pipeline.jars
 * of a SQL file, delete. Refusals end with exit status 1 and the problem's code: a JAR whose
 * factory cannot load, showing a deleted connector. Signing in: whoami, a token created with a
 * role (its secret alone on standard output) and refused what the role does not allow (exit 4, the
 * role needed and the role held in plain words), listed, seen in the audit log, revoked and then
 * refused; no token at all; a platform administrator's scrub.
 */
class FcrAgainstServerTest {

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    @TempDir
    Path temp;

    /** One run of fcr, with what it printed. */
    record Run(int exitCode, String out, String err) {}

    private Run fcr(String workspace, String... args) {
        return fcrWithToken(registry.server().adminToken(), workspace, args);
    }

    /** fcr with this token (none when null), and neither the user's environment nor config file. */
    private Run fcrWithToken(String token, String workspace, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", registry.server().baseUrl(), "--workspace", workspace,
                "--cache-dir", temp.resolve("cache").toString()));
        if (token != null) {
            all.addAll(List.of("--token", token));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The progress bar is drawn only on a terminal unless asked for; these runs check it.
        CommandLine commandLine = Fcr.commandLine(Map.of("HOME", temp.toString(), "FCR_PROGRESS", "always"));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void uploadsShowsListsValidatesFetchesAndDeletes() throws IOException {
        String workspace = registry.server().newWorkspace("cli");

        Run upload = fcr(workspace, "upload", "sequence", TestJars.sequenceV1().toString());
        Run sink = fcr(workspace, "upload", "row-file", TestJars.rowFileSink().toString());
        Run update = fcr(workspace, "update", "sequence", TestJars.sequenceV2().toString());
        Run show = fcr(workspace, "show", "sequence");
        Run list = fcr(workspace, "list");
        Run versions = fcr(workspace, "versions", "sequence");

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.err()).contains("sample-sequence-source.jar [", "100%");
        assertThat(upload.out()).contains("sequence version 1 (created, now current)", "+ table-connector 'sequence'");
        assertThat(sink.exitCode()).as(sink.err()).isZero();
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("sequence version 2 (created, now current)", "+ option sequence.step");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("sequence version 2 (current)", "'sequence'  table-connector",
                "KEY", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION");
        assertThat(show.out().lines()).anySatisfy(line ->
                assertThat(line).contains("number-of-rows").contains("Long").contains("(none)").contains("yes"));
        assertThat(show.out().lines()).anySatisfy(line ->
                assertThat(line).contains("step").contains("Long").contains("1").contains("no"));
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("row-file", "sequence", "2 of 2");
        assertThat(versions.out().lines()).hasSize(3);

        Run diff = fcr(workspace, "diff", "sequence", "1", "2");
        Run refusedRollBack = fcr(workspace, "current", "sequence", "1");
        Run rollBack = fcr(workspace, "current", "sequence", "1", "--force");
        Path resolveSql = Files.writeString(temp.resolve("resolve.sql"),
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');");
        Run resolve = fcr(workspace, "resolve", resolveSql.toString(), "--job-id", "cli-job");
        Run rollForward = fcr(workspace, "current", "sequence", "2");
        Run leasedDelete = fcr(workspace, "delete", "sequence", "--version", "1");

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("sequence 1 → 2", "+ option sequence.step");
        assertThat(refusedRollBack.exitCode()).isEqualTo(1);
        assertThat(refusedRollBack.err()).contains("BREAKING_CHANGE");
        assertThat(rollBack.out()).contains("sequence: current version is now 1");
        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("IDENTIFIER", "sequence", "table-connector", "leased for job cli-job");
        assertThat(rollForward.exitCode()).isZero();
        assertThat(leasedDelete.exitCode()).isEqualTo(1);
        assertThat(leasedDelete.err()).contains("VERSION_LEASED", "cli-job");
        ServerClients.of(registry.server(), workspace, temp.resolve("cache")).releaseLease("cli-job");

        Path invalid = Files.writeString(temp.resolve("invalid.sql"),
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-row' = '5');");
        Path job = Files.writeString(temp.resolve("job.sql"), """
                CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '/tmp/out.txt');
                INSERT INTO snk SELECT * FROM src;""");
        Run invalidRun = fcr(workspace, "validate", invalid.toString());
        Run validRun = fcr(workspace, "validate", job.toString());
        Run fetch = fcr(workspace, "fetch", job.toString(), "--print", "pipeline_jars");

        assertThat(invalidRun.exitCode()).isEqualTo(1);
        assertThat(invalidRun.out()).contains("table src (line 1): INVALID", "UNKNOWN_OPTION number-of-row");
        assertThat(validRun.exitCode()).as(validRun.out()).isZero();
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        String[] urls = fetch.out().strip().split(";");
        assertThat(urls).hasSize(2).allSatisfy(url -> {
            assertThat(url).startsWith(temp.resolve("cache").toUri().toString());
            assertThat(Path.of(java.net.URI.create(url))).isRegularFile();
        });

        Run deleteOld = fcr(workspace, "delete", "sequence", "--version", "1");
        Run unconfirmed = fcr(workspace, "delete", "sequence");
        Run deleteAll = fcr(workspace, "delete", "sequence", "--yes");
        Run showDeleted = fcr(workspace, "show", "sequence");

        assertThat(deleteOld.exitCode()).as(deleteOld.err()).isZero();
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--yes");
        assertThat(deleteAll.exitCode()).as(deleteAll.err()).isZero();
        assertThat(showDeleted.exitCode()).isEqualTo(1);
        assertThat(showDeleted.err()).contains("CONNECTOR_NOT_FOUND");
    }

    @Test
    void uploadsAConnectorWithItsDependencyAndShowsAndFetchesBoth() throws IOException {
        String workspace = registry.server().newWorkspace("cli-dependencies");
        Path driver = TestJars.jar("broken-echo-driver.jar");
        Path sql = Files.writeString(temp.resolve("echo.sql"),
                "CREATE TABLE e (k STRING) WITH ('connector' = 'driver-backed');");

        Run upload = fcr(workspace, "upload", "echo", TestJars.jar("broken-needs-driver.jar").toString(),
                "--dependency", driver.toString());
        Run show = fcr(workspace, "show", "echo");
        Run versions = fcr(workspace, "versions", "echo");
        Run fetch = fcr(workspace, "fetch", sql.toString(), "--print", "add_jar");
        Run missingFile = fcr(workspace, "upload", "echo2", TestJars.jar("broken-needs-driver.jar").toString(),
                "--dependency", temp.resolve("no-such-driver.jar").toString());

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.out()).contains("dependency broken-echo-driver.jar", "+ dependency broken-echo-driver.jar");
        assertThat(show.out()).contains("dependency broken-echo-driver.jar, sha256 " + TestJars.sha256(driver));
        assertThat(versions.out()).contains("DEPENDENCIES", "broken-echo-driver.jar");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.out().lines().filter(line -> line.startsWith("ADD JAR"))).hasSize(2);
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("no-such-driver.jar: no such file");
    }

    @Test
    void exitsWithOneAndTheCodeWhenTheRegistryRefusesAJar() {
        String workspace = registry.server().newWorkspace("cli-refused");

        Run run = fcr(workspace, "upload", "boom", TestJars.jar("broken-static-init-throws.jar").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ANALYSIS_REFUSED", "422");
    }

    @Test
    void signsInWithATokenThatHasARoleAndSaysWhatIsMissing() {
        String workspace = registry.server().newWorkspace("cli-auth");

        Run whoami = fcr(workspace, "whoami");
        Run create = fcr(workspace, "token", "create", "viewer-ci", "--role", "viewer", "--expires-in-days", "1");
        String secret = create.out().strip();
        Run viewerWhoami = fcrWithToken(secret, workspace, "whoami");
        Run viewerList = fcrWithToken(secret, workspace, "list");
        Run viewerUpload = fcrWithToken(secret, workspace, "upload", "sequence", TestJars.sequenceV1().toString());
        Run viewerScrub = fcrWithToken(secret, workspace, "admin", "scrub");

        assertThat(whoami.exitCode()).as(whoami.err()).isZero();
        assertThat(whoami.out()).contains("token:initial-admin (token), platform administrator");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(secret).startsWith("fcr_").doesNotContain("\n");
        assertThat(create.err()).contains("role 'viewer' in workspace '" + workspace + "'",
                "This is the only time its secret is shown");
        assertThat(viewerWhoami.out()).contains("token:viewer-ci (token)", workspace, "viewer");
        assertThat(viewerList.exitCode()).as(viewerList.err()).isZero();
        assertThat(viewerUpload.exitCode()).isEqualTo(4);
        assertThat(viewerUpload.err()).contains("error: this needs the role 'developer' in workspace '" + workspace
                + "'; your token (token:viewer-ci) has 'viewer'");
        assertThat(viewerScrub.exitCode()).isEqualTo(4);
        assertThat(viewerScrub.err()).contains("error: this needs a platform administrator; your token "
                + "(token:viewer-ci) is not one");

        Matcher created = Pattern.compile("Created token (\\d+) 'viewer-ci'").matcher(create.err());
        assertThat(created.find()).as(create.err()).isTrue();
        Run list = fcr(workspace, "token", "list");
        Run audit = fcr(workspace, "audit", "--principal", "token:viewer-ci");
        Run revoke = fcr(workspace, "token", "revoke", created.group(1));
        Run revokedList = fcrWithToken(secret, workspace, "list");
        Run noToken = fcrWithToken(null, workspace, "list");
        Run scrub = fcr(workspace, "admin", "scrub");

        assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).contains(created.group(1), "viewer-ci",
                workspace, "viewer", "active"));
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(audit.out().lines()).anySatisfy(line -> assertThat(line).contains("token:viewer-ci",
                "connector.register", "DENIED"));
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked token " + created.group(1) + " 'viewer-ci'");
        assertThat(revokedList.exitCode()).isEqualTo(4);
        assertThat(revokedList.err()).contains("error: the registry refused the token given with --token:", "revoked");
        assertThat(noToken.exitCode()).isEqualTo(4);
        assertThat(noToken.err()).contains("error: the registry needs a token: pass --token, set FCR_TOKEN, or put "
                + "token= in ~/.config/fcr/config");
        assertThat(scrub.exitCode()).as(scrub.err()).isZero();
        assertThat(scrub.out()).containsPattern("checked \\d+ stored JARs? in \\d+ ms: none corrupt");
    }
}
