package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.server.support.OidcProvider;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenID Connect access tokens as bearer tokens, against a real provider ({@link OidcProvider})
 * over real HTTP: roles from the groups claim and from memberships, the name from the username
 * claim, and every way a token can be wrong (times, issuer, audience, algorithm, signature), each
 * refused with 401 and changing nothing. Key rotation: a token signed with a key the registry has
 * not seen yet makes it fetch the provider's keys again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcAuthenticationTest {

    private static final String AUDIENCE = "flink-connector-registry";
    private static final String WORKSPACES = "/api/v1/workspaces";
    /** Where the groups give roles; nothing is ever registered here, so every refusal can check it is still empty. */
    private static final String TEAM = WORKSPACES + "/team";
    /** Where developers may register. */
    private static final String SANDBOX = WORKSPACES + "/sandbox";

    private OidcProvider provider;
    private RunningRegistry registry;
    private RegistryHttp platform;

    @BeforeAll
    void start() {
        provider = OidcProvider.start();
        provider.client("vera", user("vera", "fcr-viewers"));
        provider.client("dave", user("dave", "fcr-developers"));
        provider.client("ada", user("ada", "fcr-admins"));
        provider.client("pat", user("pat", "fcr-platform"));
        provider.client("nora", user("nora"));
        provider.client("tampered", user("mallory", "fcr-viewers"));
        Instant now = Instant.now();
        provider.client("expired", user("eve", "fcr-developers").andThen(claims -> claims
                .issuedAt(now.minus(Duration.ofHours(2))).notBefore(now.minus(Duration.ofHours(2)))
                .expiresAt(now.minus(Duration.ofMinutes(5)))));
        provider.client("expired-within-skew", user("eve", "fcr-viewers").andThen(claims -> claims
                .issuedAt(now.minus(Duration.ofMinutes(10))).notBefore(now.minus(Duration.ofMinutes(10)))
                .expiresAt(now.minus(Duration.ofSeconds(20)))));
        provider.client("not-yet-valid", user("eve", "fcr-developers").andThen(claims -> claims
                .notBefore(now.plus(Duration.ofMinutes(5))).expiresAt(now.plus(Duration.ofHours(1)))));
        provider.client("wrong-issuer", user("eve", "fcr-developers").andThen(claims -> claims
                .issuer("http://127.0.0.1:1/another-provider")));
        provider.client("wrong-audience", user("eve", "fcr-developers").andThen(claims -> claims
                .audience(List.of("another-service"))));
        provider.client("named-like-a-token", user("token:initial-admin", "fcr-viewers"));
        provider.client("named-registry", user("registry", "fcr-viewers"));
        provider.client("named-with-override", user("eve\u202Enimda", "fcr-viewers"));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("registry.auth.oidc.issuer-uri", provider.issuer());
        settings.put("registry.auth.oidc.audiences[0]", AUDIENCE);
        settings.put("registry.auth.oidc.platform-admin-groups[0]", "fcr-platform");
        groupRole(settings, 0, "fcr-viewers", "team", "viewer");
        groupRole(settings, 1, "fcr-developers", "team", "developer");
        groupRole(settings, 2, "fcr-developers", "sandbox", "developer");
        groupRole(settings, 3, "fcr-admins", "team", "admin");
        // Many refusals come from one address; the limit of failed sign-ins is not what this test is about.
        settings.put("registry.auth.failures-per-minute", "10000");
        registry = RunningRegistry.startFresh(settings);
        platform = as("pat");
        for (String workspace : List.of("team", "sandbox")) {
            Answer created = platform.postJson(WORKSPACES, RegistryHttp.body("name", workspace, "flinkVersion", "1.20"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void whoamiShowsTheNameFromTheUsernameClaimAndTheRolesFromTheGroups() {
        Answer dave = as("dave").get("/api/v1/whoami");
        assertThat(dave.status()).as(dave.text()).isEqualTo(200);
        assertThat(dave.json().path("name").asString()).isEqualTo("dave");
        assertThat(dave.json().path("kind").asString()).isEqualTo("user");
        assertThat(dave.json().path("platformAdmin").asBoolean()).isFalse();
        assertThat(dave.json().path("roles").properties()).extracting(Map.Entry::getKey, e -> e.getValue().asString())
                .containsExactlyInAnyOrder(tuple("sandbox", "developer"),
                        tuple("team", "developer"));

        Answer pat = as("pat").get("/api/v1/whoami");
        assertThat(pat.json().path("name").asString()).isEqualTo("pat");
        assertThat(pat.json().path("platformAdmin").asBoolean()).isTrue();
    }

    @Test
    void viewerMayReadButNotRegister() {
        RegistryHttp vera = as("vera");
        assertThat(vera.get(TEAM + "/connectors").status()).isEqualTo(200);

        Answer register = vera.postJar(TEAM + "/connectors?name=seq", TestJars.sequenceV1());

        assertDenied(register, "developer");
        assertTeamHasNoConnectors();
    }

    @Test
    void developerRegistersAsThemselvesButMayNotDelete() {
        RegistryHttp dave = as("dave");

        Answer registered = dave.postJar(SANDBOX + "/connectors?name=by-dave", TestJars.sequenceV1());
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.json().path("version").path("createdBy").asString()).isEqualTo("dave");

        assertDenied(dave.delete(SANDBOX + "/connectors/by-dave"), "admin");
        assertThat(platform.get(SANDBOX + "/connectors/by-dave").status()).isEqualTo(200);
        assertDenied(dave.get(TEAM + "/members"), "admin");
    }

    @Test
    void workspaceAdminManagesMembersButMayNotCreateWorkspaces() {
        RegistryHttp ada = as("ada");

        Answer granted = ada.putJson(TEAM + "/members/someone", Map.of("role", "viewer"));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        assertThat(ada.get(TEAM + "/members").json().findValuesAsString("principal")).contains("someone");

        assertDenied(ada.postJson(WORKSPACES, RegistryHttp.body("name", "by-ada", "flinkVersion", "1.20")),
                "platform-admin");
        assertThat(platform.get(WORKSPACES + "/by-ada").status()).isEqualTo(404);
        // Groups give roles only where they are mapped.
        assertDenied(ada.get(SANDBOX + "/members"), "admin");
    }

    @Test
    void membershipGrantedByNameGivesAUserWithoutGroupsARole() {
        RegistryHttp nora = as("nora");
        assertThat(nora.get("/api/v1/whoami").json().path("roles").isEmpty()).isTrue();
        assertDenied(nora.get(TEAM + "/connectors"), "viewer");

        Answer granted = platform.putJson(TEAM + "/members/nora", Map.of("role", "viewer"));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);

        assertThat(nora.get(TEAM + "/connectors").status()).isEqualTo(200);
        assertThat(nora.get("/api/v1/whoami").json().path("roles").path("team").asString()).isEqualTo("viewer");

        // The same token, whose principal the server remembers for a few seconds: a revocation holds at once.
        assertThat(platform.delete(TEAM + "/members/nora").status()).isIn(200, 204);
        assertDenied(nora.get(TEAM + "/connectors"), "viewer");
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefusedWithoutChange(provider.token("expired"), "expired");
    }

    @Test
    void acceptsATokenThatExpiredWithinTheClockSkew() {
        Answer whoami = registry.http().as(provider.token("expired-within-skew")).get("/api/v1/whoami");
        assertThat(whoami.status()).as(whoami.text()).isEqualTo(200);
    }

    @Test
    void refusesATokenNotYetValid() {
        assertRefusedWithoutChange(provider.token("not-yet-valid"), "before");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertRefusedWithoutChange(provider.token("wrong-issuer"), "iss");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefusedWithoutChange(provider.token("wrong-audience"), "aud");
    }

    @Test
    void refusesAnUnsignedToken() {
        String[] parts = provider.token("dave").split("\\.");
        String unsigned = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";

        assertRefusedWithoutChange(unsigned, "none");
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String[] parts = provider.token("tampered").split("\\.");
        ObjectNode payload = (ObjectNode) RegistryHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.putArray("groups").add("fcr-developers");
        String tampered = parts[0] + "." + base64Url(payload.toString()) + "." + parts[2];

        assertRefusedWithoutChange(tampered, "signature");
    }

    @Test
    void acceptsTokensSignedWithARotatedKey() {
        String before = provider.token("dave");
        assertThat(registry.http().as(before).get("/api/v1/whoami").status()).isEqualTo(200);

        String newKey = provider.rotateKey();
        String after = provider.token("dave");

        assertThat(header(after).path("kid").asString()).isEqualTo(newKey).isNotEqualTo(header(before).path("kid").asString());
        Answer whoami = registry.http().as(after).get("/api/v1/whoami");
        assertThat(whoami.status()).as(whoami.text()).isEqualTo(200);
        assertThat(whoami.json().path("name").asString()).isEqualTo("dave");
    }

    @Test
    void refusesUsersNamedLikeTheRegistrysOwnPrincipals() {
        // A user acting as token:initial-admin or registry would own the first token and every token it made.
        for (String client : List.of("named-like-a-token", "named-registry", "named-with-override")) {
            Answer tokens = registry.http().as(provider.token(client)).get("/api/v1/tokens");
            assertInvalidToken(tokens, "cannot be used");
        }
    }

    @Test
    void refusesJwtsWhenNoProviderIsConfigured() {
        try (RunningRegistry withoutOidc = RunningRegistry.startFresh(Map.of())) {
            RegistryHttp dave = withoutOidc.http().as(provider.token("dave"));

            Answer register = dave.postJar(RegistryHttp.DEFAULT + "/connectors?name=seq", TestJars.sequenceV1());

            assertInvalidToken(register, "accepts no OpenID Connect tokens");
            assertThat(withoutOidc.http().get(RegistryHttp.DEFAULT + "/connectors").json().path("total").asLong()).isZero();
        }
    }

    /** A token of the provider that the registry must refuse: 401 for a read and a change, and nothing changed. */
    private void assertRefusedWithoutChange(String token, String reason) {
        RegistryHttp caller = registry.http().as(token);
        assertInvalidToken(caller.get("/api/v1/whoami"), reason);
        assertInvalidToken(caller.postJar(TEAM + "/connectors?name=seq", TestJars.sequenceV1()), reason);
        assertTeamHasNoConnectors();
    }

    private static void assertInvalidToken(Answer answer, String reason) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(answer.json().path("detail").asString()).containsIgnoringCase(reason);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
    }

    private static void assertDenied(Answer answer, String requiredRole) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.json().path("code").asString()).isEqualTo("ACCESS_DENIED");
        assertThat(answer.json().path("requiredRole").asString()).isEqualTo(requiredRole);
    }

    private void assertTeamHasNoConnectors() {
        Answer list = platform.get(TEAM + "/connectors");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isZero();
    }

    private RegistryHttp as(String client) {
        return registry.http().as(provider.token(client));
    }

    /** The claims of a user of the registry: its audience, the user's name and groups. */
    private static Consumer<JwtClaimsSet.Builder> user(String name, String... groups) {
        return claims -> claims.audience(List.of(AUDIENCE)).claim("preferred_username", name)
                .claim("groups", List.of(groups));
    }

    private static void groupRole(Map<String, Object> settings, int index, String group, String workspace, String role) {
        String prefix = "registry.auth.oidc.group-roles[" + index + "].";
        settings.put(prefix + "group", group);
        settings.put(prefix + "workspace", workspace);
        settings.put(prefix + "role", role);
    }

    private static JsonNode header(String jwt) {
        return RegistryHttp.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
