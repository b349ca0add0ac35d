package dev.flinkregistry.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How {@code fcr} signs in, against a WireMock registry (and token endpoint): the token from
 * {@code --token}, else {@code FCR_TOKEN}, else the config file ({@code $XDG_CONFIG_HOME/fcr/config}
 * or {@code ~/.config/fcr/config}), or client credentials from there; a config file with a secret
 * that others can read is refused (exit 2). A 401 or 403 says in plain words what was missing
 * (exit 4).
 */
class FcrSignInTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final String EMPTY_LIST = "{\"items\":[],\"page\":0,\"size\":50,\"total\":0}";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    /** One run of fcr, with what it printed. */
    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void isolateFromTheUsersSettings() {
        environment.put("HOME", home.toString());
    }

    private Run fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine(environment, args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path config(Path file, String permissions, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private Path userConfig(String permissions, String... lines) throws IOException {
        return config(home.resolve(".config/fcr/config"), permissions, lines);
    }

    private static void listAnswers() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(okJson(EMPTY_LIST)));
    }

    private static String bearerOfTheList() {
        return registry.findAll(getRequestedFor(urlPathEqualTo(API + "/connectors"))).get(0).getHeader("Authorization");
    }

    @Test
    void takesServerWorkspaceAndTokenFromTheUsersConfigFile() throws IOException {
        registry.stubFor(get(urlPathEqualTo("/api/v1/workspaces/team-a/connectors")).willReturn(okJson(EMPTY_LIST)));
        userConfig("rw-------", "# fcr's settings", "server = " + registry.baseUrl(), "workspace=team-a",
                "token=fcr_from-file", "");

        Run run = fcr("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/connectors"))
                .withHeader("Authorization", equalTo("Bearer fcr_from-file")));
    }

    @Test
    void looksForTheConfigFileUnderXdgConfigHome() throws IOException {
        listAnswers();
        Path xdg = home.resolve("xdg");
        environment.put("XDG_CONFIG_HOME", xdg.toString());
        config(xdg.resolve("fcr/config"), "rw-------", "server=" + registry.baseUrl(), "token=fcr_xdg");
        userConfig("rw-------", "token=fcr_not-this-one");

        assertThat(fcr("list").exitCode()).isZero();
        assertThat(bearerOfTheList()).isEqualTo("Bearer fcr_xdg");
    }

    @Test
    void prefersTheEnvironmentToTheConfigFile() throws IOException {
        listAnswers();
        userConfig("rw-------", "server=" + registry.baseUrl(), "token=fcr_file");
        environment.put("FCR_TOKEN", "fcr_environment");

        assertThat(fcr("list").exitCode()).isZero();
        assertThat(bearerOfTheList()).isEqualTo("Bearer fcr_environment");
    }

    @Test
    void prefersTheOptionToTheEnvironment() {
        listAnswers();
        environment.put("FCR_TOKEN", "fcr_environment");

        assertThat(fcr("list", "--server", registry.baseUrl(), "--token", "fcr_option").exitCode()).isZero();
        assertThat(bearerOfTheList()).isEqualTo("Bearer fcr_option");
    }

    @Test
    void refusesAConfigFileWithASecretThatOthersCanRead() throws IOException {
        Path file = userConfig("rw-r--r--", "server=" + registry.baseUrl(), "token=fcr_exposed");

        Run run = fcr("list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + " holds a secret (token) but others can read it (rw-r--r--)",
                "chmod 600 " + file).doesNotContain("fcr_exposed");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readsAConfigFileWithoutSecretsWhoeverMayReadIt() throws IOException {
        listAnswers();
        userConfig("rw-r--r--", "server=" + registry.baseUrl());

        assertThat(fcr("list", "--token", "fcr_option").exitCode()).isZero();
    }

    @Test
    void refusesAnUnknownKeySoThatATypoDoesNotGoUnnoticed() throws IOException {
        Path file = userConfig("rw-------", "server=" + registry.baseUrl(), "tokn=fcr_typo");

        Run run = fcr("list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + " line 2", "'tokn'");
    }

    @Test
    void signsInWithClientCredentialsFromTheConfigFile() throws IOException {
        listAnswers();
        registry.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(okJson("""
                {"access_token":"jwt-from-provider","token_type":"Bearer","expires_in":300}""")));
        userConfig("rw-------", "server=" + registry.baseUrl(), "client-id=ci", "client-secret=s3cret",
                "token-endpoint=" + registry.baseUrl() + "/oauth2/token", "scope=registry");

        Run run = fcr("list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(bearerOfTheList()).isEqualTo("Bearer jwt-from-provider");
        registry.verify(postRequestedFor(urlPathEqualTo("/oauth2/token")).withFormParam("scope", equalTo("registry")));
    }

    @Test
    void saysWhatTheTokenEndpointAnsweredWhenItRefusesTheClientCredentials() throws IOException {
        registry.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        userConfig("rw-------", "server=" + registry.baseUrl(), "client-id=ci", "client-secret=wrong",
                "token-endpoint=" + registry.baseUrl() + "/oauth2/token");

        Run run = fcr("list");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("could not get a token with the client credentials", "'ci'", "invalid_client");
    }

    @Test
    void asksForClientSecretAndTokenEndpointWithAClientId() throws IOException {
        userConfig("rw-------", "server=" + registry.baseUrl(), "client-id=ci");

        Run run = fcr("list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("client-id is set", "client-secret and token-endpoint (or issuer)");
    }

    @Test
    void saysHowToGiveATokenWhenTheRegistryNeedsOne() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":401,\"code\":\"AUTHENTICATION_REQUIRED\",\"detail\":\"Sign in\"}")));

        Run run = fcr("list", "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: the registry needs a token: pass --token, set FCR_TOKEN, or put token= "
                + "in ~/.config/fcr/config");
    }

    @Test
    void saysWhichTokenTheRegistryRefusedAndWhy() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":401,"code":"INVALID_TOKEN",
                         "detail":"The bearer token was refused: The API token 'ci' expired at 2026-11-01T00:00:00Z."}""")));
        environment.put("FCR_TOKEN", "fcr_old");

        Run run = fcr("list", "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: the registry refused the token in FCR_TOKEN: The bearer token was "
                + "refused: The API token 'ci' expired at 2026-11-01T00:00:00Z.");
    }

    @Test
    void namesTheRoleNeededAndTheRoleTheTokenHas() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/workspaces/team-a/connectors")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":403,"code":"ACCESS_DENIED","requiredRole":"developer",
                         "detail":"This operation needs the role 'developer' in workspace 'team-a'; token:ci has 'viewer'"}""")));
        registry.stubFor(get(urlPathEqualTo("/api/v1/whoami")).willReturn(okJson("""
                {"name":"token:ci","kind":"token","platformAdmin":false,"roles":{"team-a":"viewer"}}""")));
        Path jar = TestJars.write(home, "x.jar", TestJars.bytes(100, 1));

        Run run = fcr("upload", "x", jar.toString(), "--server", registry.baseUrl(), "-w", "team-a", "-t", "fcr_ci");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: this needs the role 'developer' in workspace 'team-a'; your token "
                + "(token:ci) has 'viewer'");
    }

    @Test
    void saysAPlatformAdministratorIsNeeded() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/admin/scrub")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":403,"code":"ACCESS_DENIED","requiredRole":"platform-admin",
                         "detail":"This operation needs a platform administrator; token:ci is not one"}""")));
        registry.stubFor(get(urlPathEqualTo("/api/v1/whoami")).willReturn(okJson("""
                {"name":"token:ci","kind":"token","platformAdmin":false,"roles":{"default":"admin"}}""")));

        Run run = fcr("admin", "scrub", "--server", registry.baseUrl(), "--token", "fcr_ci");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: this needs a platform administrator; your token (token:ci) is not one");
    }

    @Test
    void fallsBackToTheRegistrysWordsWhenItCannotTellTheTokensRole() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":403,"code":"ACCESS_DENIED","requiredRole":"viewer",
                         "detail":"This operation needs the role 'viewer' in workspace 'default'; alice has no role there"}""")));

        Run run = fcr("list", "--server", registry.baseUrl(), "--token", "jwt");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("this needs the role 'viewer' in workspace 'default'; the registry says: This "
                + "operation needs the role 'viewer' in workspace 'default'; alice has no role there");
    }
}
