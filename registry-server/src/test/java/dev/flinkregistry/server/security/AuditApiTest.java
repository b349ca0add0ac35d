package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 11 over real HTTP: every change is recorded with who, when, from where, what and how
 * it ended, refused and denied attempts included; the log is read per workspace by its admins and
 * whole by platform administrators, filtered, and never holds a secret. Leases belong to whoever
 * took them and are no longer than the registry allows.
 *
 * <p>Bad inputs tried: a breaking update, deleting the current version, a viewer deleting a
 * connector, releasing another principal's lease, a one-year lease, a lease by a viewer, reading
 * another workspace's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {

    private static final String WS = "/api/v1/workspaces/audited";

    private RunningRegistry registry;
    private RegistryHttp platform;
    private RegistryHttp developer;
    private RegistryHttp admin;
    private String developerSecret;

    @BeforeAll
    void start() {
        registry = RunningRegistry.startFresh(Map.of());
        platform = registry.http();
        assertThat(platform.postJson("/api/v1/workspaces", RegistryHttp.body("name", "audited", "flinkVersion", "1.20"))
                .status()).isEqualTo(201);
        developerSecret = token("dev", "developer");
        developer = platform.as(developerSecret);
        admin = platform.as(token("boss", "admin"));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void recordsEveryChangeWithWhoWhenFromWhereWhatAndHowItEnded() {
        Instant before = Instant.now().minusSeconds(1);
        assertThat(developer.postJar(WS + "/connectors?name=seq", TestJars.sequenceV1()).status()).isEqualTo(201);
        assertThat(developer.postJar(WS + "/connectors/seq/versions", TestJars.sequenceV2()).status()).isEqualTo(201);
        assertThat(developer.postJar(WS + "/connectors/seq/versions", TestJars.sequenceV2()).status()).isEqualTo(200);
        assertThat(developer.putJson(WS + "/connectors/seq/current", Map.of("version", 1)).status()).isEqualTo(409);
        assertThat(developer.putJson(WS + "/connectors/seq/current", Map.of("version", 1, "force", true)).status())
                .isEqualTo(200);
        assertThat(admin.delete(WS + "/connectors/seq/versions/2").status()).isEqualTo(204);

        List<JsonNode> entries = entries(admin.get(WS + "/audit?connector=seq"));

        assertThat(entries).extracting(e -> e.path("action").asString() + " " + e.path("target").asString() + " "
                + e.path("outcome").asString()).containsExactly(
                "version.delete seq/2 SUCCESS",
                "connector.current seq SUCCESS",
                "connector.current seq REFUSED",
                "version.create seq/2 UNCHANGED",
                "version.create seq/2 SUCCESS",
                "connector.register seq/1 SUCCESS");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("workspace").asString()).isEqualTo("audited");
            assertThat(e.path("address").asString()).isEqualTo("127.0.0.1");
            assertThat(Instant.parse(e.path("occurredAt").asString())).isAfter(before);
        });
        assertThat(entries.get(0).path("principal").asString()).startsWith("token:boss");
        assertThat(entries.get(1).path("details").asString()).contains("from=2", "to=1", "forced=true");
        assertThat(entries.get(2).path("details").asString()).isEqualTo("code=BREAKING_CHANGE");
        assertThat(entries.get(5).path("principal").asString()).startsWith("token:dev");
        assertThat(entries.get(5).path("details").asString()).contains("sha256=", "source=UPLOAD");
    }

    @Test
    void recordsRefusedAndDeniedChangesButNotTheirEffects() {
        assertThat(developer.postJar(WS + "/connectors?name=sink", TestJars.rowFileSink()).status()).isEqualTo(201);
        RegistryHttp viewer = platform.as(token("look", "viewer"));

        assertThat(viewer.delete(WS + "/connectors/sink").status()).isEqualTo(403);
        assertThat(admin.delete(WS + "/connectors/sink/versions/1").status()).isEqualTo(409);

        List<JsonNode> entries = entries(admin.get(WS + "/audit?connector=sink"));
        assertThat(entries).extracting(e -> e.path("action").asString() + " " + e.path("outcome").asString() + " "
                + e.path("details").asString()).containsExactly(
                "version.delete REFUSED code=VERSION_IS_CURRENT",
                "connector.delete DENIED code=ACCESS_DENIED",
                "connector.register SUCCESS " + entries.get(2).path("details").asString());
        assertThat(entries.get(1).path("principal").asString()).startsWith("token:look");
        assertThat(admin.get(WS + "/connectors/sink").status()).isEqualTo(200);
    }

    @Test
    void recordsTokensAndMembershipsWithoutTheirSecrets() {
        Answer created = admin.postJson("/api/v1/tokens", Map.of("name", "robot", "workspace", "audited",
                "role", "submitter"));
        String secret = created.json().path("token").asString();
        admin.putJson(WS + "/members/carol", Map.of("role", "developer"));
        admin.delete("/api/v1/tokens/" + created.json().path("details").path("id").asLong());

        String log = platform.get("/api/v1/audit?size=500").text();
        assertThat(log).doesNotContain(secret).doesNotContain(secret.substring(4)).doesNotContain(developerSecret);
        List<JsonNode> workspaceLog = entries(admin.get(WS + "/audit?principal=" + entries(admin.get(WS + "/audit"))
                .stream().filter(e -> e.path("action").asString().equals("member.grant")).findFirst().orElseThrow()
                .path("principal").asString()));
        assertThat(workspaceLog).extracting(e -> e.path("action").asString())
                .contains("token.create", "member.grant", "token.revoke");
    }

    @Test
    void onlyTheWorkspacesAdminsAndPlatformAdministratorsReadTheLog() {
        assertThat(developer.get(WS + "/audit").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(admin.get(WS + "/audit").status()).isEqualTo(200);
        assertThat(platform.get("/api/v1/audit?workspace=audited").status()).isEqualTo(200);
    }

    @Test
    void filtersByTime() {
        Instant future = Instant.now().plusSeconds(3600);
        assertThat(entries(admin.get(WS + "/audit?from=" + future))).isEmpty();
        assertThat(entries(platform.get("/api/v1/audit?to=2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(admin.get(WS + "/audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void leasesBelongToWhoeverTookThem() {
        admin.postJar(WS + "/connectors?name=leased", TestJars.psvFormat());
        RegistryHttp alice = platform.as(token("alice", "submitter"));
        RegistryHttp bob = platform.as(token("bob", "submitter"));
        Map<String, Object> resolve = Map.of("identifiers", List.of(Map.of("identifier", "psv")), "jobId", "alices-job");
        assertThat(alice.postJson(WS + "/resolve", resolve).status()).isEqualTo(200);

        Answer byBob = bob.delete(WS + "/leases/alices-job");
        Answer renewedByBob = bob.postJson(WS + "/resolve", resolve);

        assertThat(byBob.status()).isEqualTo(403);
        assertThat(byBob.json().path("requiredRole").asString()).isEqualTo("admin");
        assertThat(renewedByBob.status()).isEqualTo(403);
        assertThat(admin.delete(WS + "/connectors/leased").status()).as("the lease still holds").isEqualTo(409);
        assertThat(alice.delete(WS + "/leases/alices-job").status()).isEqualTo(204);
        assertThat(entries(admin.get(WS + "/audit?principal=" + alice.get("/api/v1/whoami").json().path("name")
                .asString()))).extracting(e -> e.path("action").asString()).containsExactly("lease.release", "lease.take");
    }

    @Test
    void aLeaseIsNoLongerThanTheRegistryAllowsAndNeedsASubmitter() {
        admin.postJar(WS + "/connectors?name=capped", TestJars.memoryCatalog());
        Map<String, Object> year = Map.of("identifiers", List.of(Map.of("identifier", "seeded-memory")),
                "jobId", "forever", "leaseSeconds", 31_536_000);

        Answer tooLong = admin.postJson(WS + "/resolve", year);
        Answer byViewer = platform.as(token("viewer", "viewer")).postJson(WS + "/resolve",
                Map.of("identifiers", List.of(Map.of("identifier", "seeded-memory")), "jobId", "viewers-job"));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("code").asString()).isEqualTo("LEASE_TOO_LONG");
        assertThat(tooLong.json().path("maxLeaseSeconds").asLong()).isEqualTo(7 * 24 * 3600);
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byViewer.json().path("requiredRole").asString()).isEqualTo("submitter");
        assertThat(admin.delete(WS + "/connectors/capped").status()).as("no lease was taken").isEqualTo(204);
    }

    private String token(String name, String role) {
        Answer created = platform.postJson("/api/v1/tokens", Map.of("name", name + "-" + System.nanoTime(),
                "workspace", "audited", "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("token").asString();
    }

    private static List<JsonNode> entries(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().valueStream().toList();
    }
}
