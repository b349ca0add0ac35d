package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.client.RegistryAdministration.AuditQuery;
import dev.flinkregistry.client.RegistryAdministration.TokenRequest;
import dev.flinkregistry.client.model.ApiToken;
import dev.flinkregistry.client.model.AuditEntry;
import dev.flinkregistry.client.model.CreatedToken;
import dev.flinkregistry.client.model.Identity;
import dev.flinkregistry.client.model.Member;
import dev.flinkregistry.client.model.ScrubResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@link RegistryAdministration} sends for whoami, tokens, members, the audit log and scrubbing,
 * and how it reads the answers.
 */
class RegistryAdministrationTest {

    private static final String TOKEN_VIEW = """
            {"id":7,"name":"ci","hint":"fcr_a1B2…","workspace":"team-a","role":"submitter","createdBy":"alice",
             "createdAt":"2026-12-01T10:00:00Z","expiresAt":"2027-03-01T10:00:00Z","revokedAt":null,
             "lastUsedAt":null}""";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private RegistryAdministration administration() {
        return RegistryClient.builder().server(registry.baseUrl()).workspace("team-a").token("fcr_admin")
                .retry(RetryPolicy.none()).build().administration();
    }

    @Test
    void saysWhoTheCallerIsWithARoleInEachWorkspace() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/whoami")).willReturn(okJson("""
                {"name":"alice","kind":"user","platformAdmin":false,"roles":{"team-a":"developer"}}""")));

        Identity me = RegistryClient.builder().server(registry.baseUrl()).workspace("team-a").build().whoami();

        assertThat(me.name()).isEqualTo("alice");
        assertThat(me.roleIn("team-a")).hasValue("developer");
        assertThat(me.roleIn("team-b")).isEmpty();
        assertThat(new Identity("token:root", "token", true, null).roleIn("team-b")).hasValue("admin");
    }

    @Test
    void createsATokenAndKeepsTheSecretOutOfItsDescription() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"fcr_secretsecret\",\"details\":" + TOKEN_VIEW + "}")));

        CreatedToken created = administration().createToken(TokenRequest.forWorkspace("ci", "team-a", "submitter")
                .expiringInDays(90));

        assertThat(created.token()).isEqualTo("fcr_secretsecret");
        assertThat(created.details().id()).isEqualTo(7);
        assertThat(created.toString()).doesNotContain("secretsecret");
        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/tokens")).withHeader("Authorization",
                equalTo("Bearer fcr_admin")).withRequestBody(equalToJson("""
                        {"name":"ci","workspace":"team-a","role":"submitter","expiresInDays":90}""")));
    }

    @Test
    void asksForAPlatformWideTokenWithoutAWorkspace() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"fcr_x\",\"details\":" + TOKEN_VIEW + "}")));

        administration().createToken(TokenRequest.platformWide("root"));

        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/tokens")).withRequestBody(equalToJson("""
                {"name":"root","role":"platform-admin"}""")));
    }

    @Test
    void listsAndRevokesTokens() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/tokens")).willReturn(okJson("[" + TOKEN_VIEW + "]")));
        registry.stubFor(delete(urlPathEqualTo("/api/v1/tokens/7")).willReturn(okJson(
                TOKEN_VIEW.replace("\"revokedAt\":null", "\"revokedAt\":\"2026-12-02T00:00:00Z\""))));

        List<ApiToken> tokens = administration().tokens();
        ApiToken revoked = administration().revokeToken(7);

        assertThat(tokens).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("ci");
            assertThat(token.activeAt(Instant.parse("2026-12-02T00:00:00Z"))).isTrue();
        });
        assertThat(revoked.activeAt(Instant.parse("2026-12-02T00:00:01Z"))).isFalse();
    }

    @Test
    void readsAWorkspacesAuditLogWithItsFilters() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/workspaces/team-a/audit")).willReturn(okJson("""
                [{"id":3,"occurredAt":"2026-12-01T10:00:00Z","principal":"token:ci","address":"10.0.0.1",
                  "workspace":"team-a","action":"version.create","target":"sequence/2","outcome":"SUCCESS",
                  "details":"sha256=ab"}]""")));

        List<AuditEntry> entries = administration().audit("team-a", AuditQuery.all().withConnector("sequence")
                .withPrincipal("token:ci").between(Instant.parse("2026-12-01T00:00:00Z"), null).withPage(1, 20));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("version.create");
            assertThat(entry.outcome()).isEqualTo("SUCCESS");
        });
        registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/audit"))
                .withQueryParam("connector", equalTo("sequence")).withQueryParam("principal", equalTo("token:ci"))
                .withQueryParam("from", equalTo("2026-12-01T00:00:00Z")).withQueryParam("page", equalTo("1"))
                .withQueryParam("size", equalTo("20")).withoutQueryParam("to"));
    }

    @Test
    void readsTheWholeAuditLog() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/audit")).willReturn(okJson("[]")));

        assertThat(administration().auditEverywhere(AuditQuery.all())).isEmpty();
        registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/audit")).withQueryParam("size", equalTo("50")));
    }

    @Test
    void scrubsTheStoredJarsAndReportsTheCorruptOnes() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/admin/scrub")).willReturn(okJson("""
                {"checked":12,"corrupt":["%s"],"startedAt":"2026-12-01T10:00:00Z","durationMillis":340}"""
                .formatted("a".repeat(64)))));

        ScrubResult result = administration().scrub();

        assertThat(result.checked()).isEqualTo(12);
        assertThat(result.corrupt()).containsExactly("a".repeat(64));
    }

    @Test
    void refusesACallerWithoutThePlatformAdministratorsRole() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/admin/scrub")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":403,"code":"ACCESS_DENIED","requiredRole":"platform-admin",
                         "detail":"This operation needs a platform administrator; token:ci is not one"}""")));

        assertThatThrownBy(() -> administration().scrub()).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.requiredRole()).isEqualTo("platform-admin");
            assertThat(e.workspace()).isNull();
            assertThat(e.getMessage()).startsWith("This needs the role 'platform-admin'");
        });
    }

    @Test
    void listsGrantsAndRevokesAWorkspacesMembers() {
        String alice = """
                {"principal":"alice@example.com","role":"developer","grantedBy":"token:root",
                 "grantedAt":"2026-12-01T10:00:00Z"}""";
        registry.stubFor(get(urlPathEqualTo("/api/v1/workspaces/team-a/members")).willReturn(okJson("[" + alice + "]")));
        registry.stubFor(put(urlPathEqualTo("/api/v1/workspaces/team-a/members/alice%40example.com"))
                .willReturn(okJson(alice)));
        registry.stubFor(delete(urlPathEqualTo("/api/v1/workspaces/team-a/members/alice%40example.com"))
                .willReturn(aResponse().withStatus(204)));

        List<Member> members = administration().members("team-a");
        Member granted = administration().grantRole("team-a", "alice@example.com", "developer");
        administration().revokeRole("team-a", "alice@example.com");

        assertThat(members).singleElement().isEqualTo(granted);
        assertThat(granted.role()).isEqualTo("developer");
        registry.verify(putRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/members/alice%40example.com"))
                .withRequestBody(equalToJson("{\"role\":\"developer\"}")));
        registry.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/members/alice%40example.com")));
    }
}
