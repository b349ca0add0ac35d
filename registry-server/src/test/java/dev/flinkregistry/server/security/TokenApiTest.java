package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Registry API tokens over real HTTP: the first start's administrator token, tokens shown once and
 * stored as hashes, scoped to a workspace and at most the creator's role, revoked at once, and the
 * plain-words 401 and 403 answers.
 *
 * <p>Bad inputs tried: no token, an unknown token, a token with a broken checksum, a JWT-looking
 * string with no provider configured, a revoked token, a token of another workspace, a viewer
 * creating a developer token, a workspace admin creating a platform token, a token lifetime past
 * the maximum or of 1.5 days, a malformed token name, revoking another person's token, a token
 * named like another (also after that one was revoked) and like the first administrator's, a 1-day
 * token making a 365-day one, member names of 5,000 characters, with a right-to-left override or a
 * tab, and the names the registry keeps ({@code token:...}, {@code registry}, {@code anonymous}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {

    private static final String WORKSPACES = "/api/v1/workspaces";

    private RunningRegistry registry;
    private RegistryHttp admin;

    @BeforeAll
    void start() {
        registry = RunningRegistry.startFresh(Map.of());
        admin = registry.http();
        assertThat(admin.postJson(WORKSPACES, RegistryHttp.body("name", "team-a", "flinkVersion", "1.20")).status())
                .isEqualTo(201);
        assertThat(admin.postJson(WORKSPACES, RegistryHttp.body("name", "team-b", "flinkVersion", "1.20")).status())
                .isEqualTo(201);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void theFirstStartLeavesAnAdministratorTokenReadableOnlyByTheServersUser() throws IOException {
        Path file = registry.dataDir().resolve("initial-admin-token");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode me = admin.get("/api/v1/whoami").json();
        assertThat(me.path("name").asString()).isEqualTo("token:initial-admin");
        assertThat(me.path("platformAdmin").asBoolean()).isTrue();
    }

    @Test
    void aRestartCreatesNoSecondAdministratorToken() {
        long before = admin.get("/api/v1/tokens").json().size();
        registry.stop();
        registry.startAgain();
        admin = registry.http();

        assertThat(admin.get("/api/v1/tokens").json().valueStream()
                .filter(t -> t.path("name").asString().equals("initial-admin")).count()).isEqualTo(1);
        assertThat(admin.get("/api/v1/tokens").json().size()).isEqualTo(before);
    }

    @Test
    void anyRequestWithoutATokenIsAskedForOne() {
        Answer answer = admin.as(null).get(WORKSPACES + "/team-a/connectors");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(answer.json().path("detail").asString()).contains("Authorization: Bearer");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer realm=");
    }

    @Test
    void refusesUnknownAndMalformedTokensSayingWhy() {
        String unknown = "fcr_" + "A".repeat(40) + "000000";
        for (String token : List.of(unknown, "fcr_short", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            Answer answer = admin.as(token).get(WORKSPACES + "/team-a/connectors");
            assertThat(answer.status()).as(token).isEqualTo(401);
            assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_TOKEN");
            assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        assertThat(admin.as("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/api/v1/whoami").json().path("detail")
                .asString()).contains("no OpenID Connect tokens");
    }

    @Test
    void showsTheSecretOnceAndKeepsOnlyItsHash() throws SQLException {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "ci", "workspace", "team-a",
                "role", "developer", "expiresInDays", 30));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.json().path("token").asString();
        assertThat(secret).matches("fcr_[0-9A-Za-z]{46}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/tokens/" + created.json().path("details").path("id"));
        assertThat(admin.get("/api/v1/tokens").text()).doesNotContain(secret).contains(secret.substring(0, 8));
        assertThat(databaseText()).as("tokens and audit entries in the database").doesNotContain(secret)
                .doesNotContain(secret.substring(4));
        JsonNode me = admin.as(secret).get("/api/v1/whoami").json();
        assertThat(me.path("name").asString()).isEqualTo("token:ci");
        assertThat(me.path("roles").path("team-a").asString()).isEqualTo("developer");
        assertThat(me.path("platformAdmin").asBoolean()).isFalse();
    }

    @Test
    void aTokenWorksOnlyInItsWorkspaceAndOnlyForItsRole() {
        String viewer = token("team-a", "viewer");

        assertThat(admin.as(viewer).get(WORKSPACES + "/team-a/connectors").status()).isEqualTo(200);
        Answer other = admin.as(viewer).get(WORKSPACES + "/team-b/connectors");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("code").asString()).isEqualTo("ACCESS_DENIED");
        assertThat(other.json().path("detail").asString()).contains("'viewer'", "team-b", "no role there");
        Answer register = admin.as(viewer).postJar(WORKSPACES + "/team-a/connectors?name=x", TestJars.sequenceV1());
        assertThat(register.status()).isEqualTo(403);
        assertThat(register.json().path("requiredRole").asString()).isEqualTo("developer");
        assertThat(register.json().path("detail").asString()).contains("needs the role 'developer'", "has 'viewer'");
        assertThat(admin.get(WORKSPACES + "/team-a/connectors").json().path("total").asInt()).isZero();
    }

    @Test
    void aTokenCannotBeGivenMoreThanItsCreatorHas() {
        RegistryHttp viewer = admin.as(token("team-a", "viewer"));
        Answer higher = viewer.postJson("/api/v1/tokens", Map.of("name", "sneaky", "workspace", "team-a",
                "role", "developer"));
        assertThat(higher.status()).isEqualTo(403);
        assertThat(higher.json().path("code").asString()).isEqualTo("ACCESS_DENIED");

        RegistryHttp workspaceAdmin = admin.as(token("team-a", "admin"));
        Answer platform = workspaceAdmin.postJson("/api/v1/tokens", Map.of("name", "root", "role", "platform-admin"));
        assertThat(platform.status()).isEqualTo(403);
        Answer elsewhere = workspaceAdmin.postJson("/api/v1/tokens", Map.of("name", "b", "workspace", "team-b",
                "role", "viewer"));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(viewer.postJson("/api/v1/tokens", Map.of("name", "same", "workspace", "team-a", "role", "viewer"))
                .status()).isEqualTo(201);
    }

    @Test
    void refusesBadTokenRequests() {
        assertThat(code(admin.postJson("/api/v1/tokens", Map.of("name", "long", "workspace", "team-a",
                "role", "viewer", "expiresInDays", 400)))).isEqualTo("INVALID_REQUEST");
        Answer fractional = admin.postJson("/api/v1/tokens", Map.of("name", "fraction", "workspace", "team-a",
                "role", "viewer", "expiresInDays", 1.5));
        assertThat(fractional.status()).as(fractional.text()).isEqualTo(400);
        assertThat(code(admin.postJson("/api/v1/tokens", Map.of("name", "bad name!", "workspace", "team-a",
                "role", "viewer")))).isEqualTo("INVALID_REQUEST");
        assertThat(code(admin.postJson("/api/v1/tokens", Map.of("name", "odd", "workspace", "team-a",
                "role", "owner")))).isEqualTo("INVALID_REQUEST");
        assertThat(code(admin.postJson("/api/v1/tokens", Map.of("name", "nowhere", "workspace", "missing",
                "role", "viewer")))).isEqualTo("WORKSPACE_NOT_FOUND");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "short", "workspace", "team-a",
                "role", "viewer"));
        String secret = created.json().path("token").asString();
        assertThat(admin.as(secret).get(WORKSPACES + "/team-a").status()).isEqualTo(200);

        Answer revoked = admin.delete("/api/v1/tokens/" + created.json().path("details").path("id").asLong());

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isNull()).isFalse();
        Answer refused = admin.as(secret).get(WORKSPACES + "/team-a");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("detail").asString()).contains("revoked");
    }

    @Test
    void onlyTheCreatorOrAnAdministratorMayRevokeAToken() {
        RegistryHttp alice = admin.as(token("team-a", "developer"));
        RegistryHttp bob = admin.as(token("team-a", "developer"));
        long id = alice.postJson("/api/v1/tokens", Map.of("name", "alices", "workspace", "team-a", "role", "viewer"))
                .json().path("details").path("id").asLong();

        Answer byBob = bob.delete("/api/v1/tokens/" + id);

        assertThat(byBob.status()).isEqualTo(404);
        assertThat(byBob.json().path("code").asString()).isEqualTo("TOKEN_NOT_FOUND");
        assertThat(admin.as(token("team-a", "admin")).delete("/api/v1/tokens/" + id).status()).isEqualTo(200);
    }

    @Test
    void aTokenCannotTakeTheNameOfAnotherAndWithItItsTokensAndLeases() {
        RegistryHttp viewer = admin.as(token("team-a", "viewer"));
        Answer victim = admin.postJson("/api/v1/tokens", Map.of("name", "victim-of-imitation", "workspace", "team-b",
                "role", "admin"));
        long victimId = victim.json().path("details").path("id").asLong();
        List<String> tokensBefore = tokenRecords();

        Answer asInitial = viewer.postJson("/api/v1/tokens", Map.of("name", "initial-admin", "workspace", "team-a",
                "role", "viewer"));
        Answer asAdmin = viewer.postJson("/api/v1/tokens", Map.of("name", "victim-of-imitation", "workspace", "team-a",
                "role", "viewer"));

        for (Answer answer : List.of(asInitial, asAdmin)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(409);
            assertThat(code(answer)).isEqualTo("TOKEN_NAME_TAKEN");
        }
        assertThat(tokenRecords()).isEqualTo(tokensBefore);
        // Not after a revocation either: the audit log and the tokens it made still name the old one.
        admin.delete("/api/v1/tokens/" + victimId);
        Answer afterRevocation = admin.postJson("/api/v1/tokens", Map.of("name", "victim-of-imitation",
                "workspace", "team-a", "role", "viewer"));
        assertThat(afterRevocation.status()).isEqualTo(409);
    }

    @Test
    void aTokenMadeWithATokenExpiresNoLaterThanIt() {
        Answer parent = admin.postJson("/api/v1/tokens", Map.of("name", "short-lived-parent", "workspace", "team-a",
                "role", "developer", "expiresInDays", 1));
        Instant parentExpiry = Instant.parse(parent.json().path("details").path("expiresAt").asString());

        Answer child = admin.as(parent.json().path("token").asString()).postJson("/api/v1/tokens",
                Map.of("name", "long-lived-child", "workspace", "team-a", "role", "viewer", "expiresInDays", 365));

        assertThat(child.status()).as(child.text()).isEqualTo(201);
        assertThat(Instant.parse(child.json().path("details").path("expiresAt").asString())).isEqualTo(parentExpiry);
    }

    @Test
    void aMemberNeedsANameThatIsAUsersOwn() {
        String members = WORKSPACES + "/team-a/members/";
        String before = admin.get(WORKSPACES + "/team-a/members").json().toString();

        for (String name : List.of("a".repeat(5000), "eve\u202Eadmin", "token:initial-admin", "registry", "Anonymous",
                "tab\there")) {
            Answer answer = admin.putJson(members + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"), Map.of("role", "admin"));
            assertThat(answer.status()).as("%s: %s", name.length() > 20 ? name.substring(0, 20) + "..." : name,
                    answer.text()).isEqualTo(400);
            assertThat(code(answer)).isEqualTo("INVALID_REQUEST");
        }
        assertThat(admin.get(WORKSPACES + "/team-a/members").json().toString()).isEqualTo(before);
    }

    @Test
    void recordsWhenATokenWasLastUsed() {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "used", "workspace", "team-a",
                "role", "viewer"));
        long id = created.json().path("details").path("id").asLong();
        admin.as(created.json().path("token").asString()).get(WORKSPACES + "/team-a");

        JsonNode listed = admin.get("/api/v1/tokens").json().valueStream()
                .filter(t -> t.path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(listed.path("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void versionsRecordTheTokenThatRegisteredThem() {
        RegistryHttp ci = admin.as(token("team-b", "developer"));

        Answer registered = ci.postJar(WORKSPACES + "/team-b/connectors?name=sink", TestJars.rowFileSink());

        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.json().path("version").path("createdBy").asString()).startsWith("token:developer-");
    }

    /** Every token as id, name, creator, expiry and revocation (not when it was last used, which reads change). */
    private List<String> tokenRecords() {
        return admin.get("/api/v1/tokens").json().valueStream().map(t -> String.join(" ", t.path("id").asString(),
                t.path("name").asString(), t.path("createdBy").asString(), t.path("expiresAt").asString(),
                t.path("revokedAt").asString())).toList();
    }

    private String token(String workspace, String role) {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", role + "-" + System.nanoTime(),
                "workspace", workspace, "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("token").asString();
    }

    private static String code(Answer answer) {
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        return answer.json().path("code").asString();
    }

    /** Every text column of the token and audit tables, to look for secrets. */
    private String databaseText() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = registry.bean(javax.sql.DataSource.class).getConnection();
             Statement statement = db.createStatement()) {
            for (String table : List.of("api_token", "audit_event")) {
                try (ResultSet result = statement.executeQuery("select * from " + table)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rows.add(String.valueOf(result.getObject(i)));
                        }
                    }
                }
            }
        }
        assertThat(rows).isNotEmpty();
        return String.join("\n", rows);
    }
}
