package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DESIGN rule 10's role matrix, generated from {@code openapi.yaml}: every operation the contract
 * declares is called over real HTTP as nobody, as each role of a workspace, with an admin token of
 * another workspace, and as a platform administrator. A caller that lacks the declared
 * {@code x-required-role} (or, for the cases that depend on the request, {@code x-lease-role},
 * {@code x-others-role} and {@code x-accept-findings-role}) gets 401 (nobody) or 403 (everyone else);
 * any other caller gets a 2xx.
 * An operation without a declared role, or one this test does not know how to call, fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final String WORKSPACES = "/api/v1/workspaces";
    private static final Set<String> ROLES = Set.of("anonymous", "authenticated", "viewer", "submitter", "developer",
            "admin", "platform-admin");

    /** Who calls. */
    enum Caller { NOBODY, VIEWER, SUBMITTER, DEVELOPER, ADMIN, OTHER_WORKSPACE_ADMIN, PLATFORM_ADMIN }

    /** One way of calling an operation as a caller, so that an allowed caller succeeds. */
    @FunctionalInterface
    interface Call {
        Answer call(Caller caller) throws IOException;
    }

    private static final String ACCEPTING = "acceptFindings=FACTORY_STATIC_INIT_FAILED&acceptReason=third-party";

    private final AtomicInteger names = new AtomicInteger();
    private final Map<Caller, RegistryHttp> inShared = new EnumMap<>(Caller.class);
    private RunningRegistry registry;
    private RegistryHttp platform;
    private String shared;
    private String sha256;
    private Path temp;

    @BeforeAll
    void start() throws IOException {
        temp = Files.createTempDirectory("access-matrix-");
        registry = RunningRegistry.startFresh(Map.of());
        platform = registry.http();
        workspace("other");
        shared = workspace();
        registered(shared, "seq", TestJars.sequenceV1());
        Answer second = platform.postJar(WORKSPACES + "/" + shared + "/connectors/seq/versions",
                JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("seq-2.jar"), "two"));
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        sha256 = second.json().path("version").path("sha256").asString();
        for (Caller caller : Caller.values()) {
            inShared.put(caller, as(caller, shared));
        }
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void everyOperationDeclaresAKnownRole() throws IOException {
        Map<String, String> declared = declaredRoles();
        assertThat(declared).hasSizeGreaterThan(30);
        assertThat(declared).allSatisfy((operation, role) ->
                assertThat(role).as("x-required-role of %s", operation).isIn(ROLES));
    }

    @Test
    void everyOperationIsRefusedExactlyToCallersWithoutItsRole() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>(declaredRoles());
        // Cases that depend on the request, with the role the contract declares for them.
        cases.put("resolveWithLease", "submitter");
        cases.put("kubernetesDeliveryWithLease", declared("kubernetesDelivery", "x-lease-role"));
        cases.put("releaseSomeoneElsesLease", "admin");
        cases.put("registerAcceptingFindings", declared("registerConnector", "x-accept-findings-role"));
        cases.put("updateAcceptingFindings", declared("updateConnector", "x-accept-findings-role"));
        Map<String, Call> calls = calls();
        assertThat(calls.keySet()).as("operations this matrix knows how to call").containsAll(cases.keySet());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> operation : cases.entrySet()) {
            for (Caller caller : Caller.values()) {
                Answer answer = calls.get(operation.getKey()).call(caller);
                boolean allowed = allowed(operation.getValue(), caller);
                int denied = caller == Caller.NOBODY ? 401 : 403;
                boolean ok = allowed ? answer.status() >= 200 && answer.status() < 300 : answer.status() == denied;
                if (!ok) {
                    wrong.add(operation.getKey() + " as " + caller + " (needs " + operation.getValue() + "): expected "
                            + (allowed ? "2xx" : denied) + ", got " + answer.status() + " " + abbreviated(answer));
                }
            }
        }
        assertThat(wrong).as("cells of the %d-cell matrix that answered otherwise",
                cases.size() * Caller.values().length).isEmpty();
    }

    private static boolean allowed(String role, Caller caller) {
        return switch (role) {
            case "anonymous" -> true;
            case "authenticated" -> caller != Caller.NOBODY;
            case "platform-admin" -> caller == Caller.PLATFORM_ADMIN;
            default -> {
                int needed = List.of("viewer", "submitter", "developer", "admin").indexOf(role);
                int held = switch (caller) {
                    case VIEWER -> 0;
                    case SUBMITTER -> 1;
                    case DEVELOPER -> 2;
                    case ADMIN, PLATFORM_ADMIN -> 3;
                    default -> -1;
                };
                yield held >= needed;
            }
        };
    }

    /** The caller's HTTP client for a workspace: no token, or a token with the caller's role there. */
    private RegistryHttp as(Caller caller, String workspace) {
        return switch (caller) {
            case NOBODY -> platform.as(null);
            case PLATFORM_ADMIN -> platform;
            case OTHER_WORKSPACE_ADMIN -> platform.as(token("other", "admin"));
            default -> platform.as(token(workspace, caller.name().toLowerCase(java.util.Locale.ROOT)));
        };
    }

    /**
     * How to call each operation. Reads use one shared workspace; an operation that changes or
     * deletes gets a fresh workspace (and what it changes there), so that every cell starts from the
     * same state, and the caller's token is for that workspace.
     */
    private Map<String, Call> calls() {
        Map<String, Call> calls = new LinkedHashMap<>();
        String s = WORKSPACES + "/" + shared;
        calls.put("listWorkspaces", caller -> inShared.get(caller).get(WORKSPACES));
        calls.put("createWorkspace", caller -> inShared.get(caller).postJson(WORKSPACES,
                RegistryHttp.body("name", "created-" + names.incrementAndGet(), "flinkVersion", "1.20")));
        calls.put("getWorkspace", caller -> inShared.get(caller).get(s));
        calls.put("analyzeJar", caller -> inShared.get(caller).postJar(s + "/analysis", TestJars.psvFormat()));
        calls.put("listConnectors", caller -> inShared.get(caller).get(s + "/connectors"));
        calls.put("getConnector", caller -> inShared.get(caller).get(s + "/connectors/seq"));
        calls.put("listVersions", caller -> inShared.get(caller).get(s + "/connectors/seq/versions"));
        calls.put("getVersion", caller -> inShared.get(caller).get(s + "/connectors/seq/versions/1"));
        calls.put("downloadVersionJar", caller -> inShared.get(caller).get(s + "/connectors/seq/versions/2/jar"));
        calls.put("headVersionJar", caller -> inShared.get(caller).head(s + "/connectors/seq/versions/2/jar"));
        calls.put("diffVersions", caller -> inShared.get(caller).get(s + "/connectors/seq/diff?from=1&to=2"));
        calls.put("downloadJar", caller -> inShared.get(caller).get(s + "/jars/" + sha256));
        calls.put("headJar", caller -> inShared.get(caller).head(s + "/jars/" + sha256));
        calls.put("resolve", caller -> inShared.get(caller).postJson(s + "/resolve",
                Map.of("identifiers", List.of(Map.of("identifier", "sequence")))));
        calls.put("resolveWithLease", caller -> lease(inShared.get(caller), "job-" + names.incrementAndGet()));
        calls.put("kubernetesDelivery", caller -> inShared.get(caller).postJson(s + "/kubernetes",
                Map.of("identifiers", List.of(Map.of("identifier", "sequence")), "name", "orders")));
        calls.put("kubernetesDeliveryWithLease", caller -> inShared.get(caller).postJson(s + "/kubernetes",
                Map.of("identifiers", List.of(Map.of("identifier", "sequence")), "name", "orders",
                        "jobId", "k8s-" + names.incrementAndGet(), "leaseSeconds", 60)));
        calls.put("renewLease", caller -> {
            String job = "renew-" + names.incrementAndGet();
            lease(inShared.get(caller), job);
            return inShared.get(caller).putJson(s + "/leases/" + job, Map.of("leaseSeconds", 120));
        });
        calls.put("listLeases", caller -> inShared.get(caller).get(s + "/leases?connector=seq"));
        calls.put("releaseLease", caller -> {
            String job = "own-" + names.incrementAndGet();
            lease(inShared.get(caller), job);
            return inShared.get(caller).delete(s + "/leases/" + job);
        });
        calls.put("releaseSomeoneElsesLease", caller -> {
            String job = "theirs-" + names.incrementAndGet();
            Answer taken = lease(platform.as(token(shared, "submitter")), job);
            assertThat(taken.status()).as(taken.text()).isEqualTo(200);
            return inShared.get(caller).delete(s + "/leases/" + job);
        });
        calls.put("validate", caller -> inShared.get(caller).postJson(s + "/validate",
                Map.of("options", Map.of("connector", "datagen"))));
        calls.put("explainError", caller -> inShared.get(caller).post(s + "/explain", "text/plain",
                "Could not find any factory for identifier 'seq' that implements 'x.DynamicTableFactory' in the classpath."
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        calls.put("scrubStoredJars", caller -> inShared.get(caller).postJson("/api/v1/admin/scrub", "{}"));
        calls.put("collectUnreferencedJars", caller -> inShared.get(caller).postJson("/api/v1/admin/collect", "{}"));
        calls.put("whoami", caller -> inShared.get(caller).get("/api/v1/whoami"));
        calls.put("getSession", caller -> inShared.get(caller).get("/api/v1/session"));
        calls.put("signIn", caller -> inShared.get(caller).postJson("/api/v1/session",
                Map.of("token", token(shared, "viewer"))));
        calls.put("signOut", caller -> inShared.get(caller).delete("/api/v1/session"));
        calls.put("listTokens", caller -> inShared.get(caller).get("/api/v1/tokens"));
        calls.put("createToken", caller -> inShared.get(caller).postJson("/api/v1/tokens", Map.of("name", "made-" + System.nanoTime(),
                "workspace", caller == Caller.OTHER_WORKSPACE_ADMIN ? "other" : shared, "role", "viewer")));
        calls.put("revokeToken", caller -> {
            Answer created = inShared.get(caller).postJson("/api/v1/tokens", Map.of("name", "short-lived-" + System.nanoTime(),
                    "workspace", caller == Caller.OTHER_WORKSPACE_ADMIN ? "other" : shared, "role", "viewer"));
            long id = created.status() == 201 ? created.json().path("details").path("id").asLong() : 1;
            return inShared.get(caller).delete("/api/v1/tokens/" + id);
        });
        calls.put("listMembers", caller -> inShared.get(caller).get(s + "/members"));
        calls.put("grantRole", caller -> inShared.get(caller).putJson(s + "/members/alice", Map.of("role", "viewer")));
        calls.put("revokeRole", caller -> {
            platform.putJson(s + "/members/bob", Map.of("role", "viewer"));
            return inShared.get(caller).delete(s + "/members/bob");
        });
        calls.put("workspaceAudit", caller -> inShared.get(caller).get(s + "/audit"));
        calls.put("audit", caller -> inShared.get(caller).get("/api/v1/audit"));
        calls.put("registerConnector", caller -> {
            String w = workspace();
            return as(caller, w).postJar(WORKSPACES + "/" + w + "/connectors?name=fresh", TestJars.rowFileSink());
        });
        calls.put("updateConnector", caller -> {
            String w = workspace();
            registered(w, "updated", TestJars.sequenceV1());
            return as(caller, w).postJar(WORKSPACES + "/" + w + "/connectors/updated/versions", TestJars.sequenceV2());
        });
        calls.put("registerAcceptingFindings", caller -> {
            String w = workspace();
            return as(caller, w).postJar(WORKSPACES + "/" + w + "/connectors?name=accepted&" + ACCEPTING,
                    refusedJar(TestJars.sequenceV1()));
        });
        calls.put("updateAcceptingFindings", caller -> {
            String w = workspace();
            registered(w, "updated", TestJars.sequenceV1());
            return as(caller, w).postJar(WORKSPACES + "/" + w + "/connectors/updated/versions?" + ACCEPTING,
                    refusedJar(TestJars.sequenceV2()));
        });
        calls.put("setCurrentVersion", caller -> {
            String w = workspace();
            twoVersions(w);
            return as(caller, w).putJson(WORKSPACES + "/" + w + "/connectors/two/current", Map.of("version", 1));
        });
        calls.put("deleteVersion", caller -> {
            String w = workspace();
            twoVersions(w);
            return as(caller, w).delete(WORKSPACES + "/" + w + "/connectors/two/versions/1");
        });
        calls.put("deleteConnector", caller -> {
            String w = workspace();
            registered(w, "doomed", TestJars.psvFormat());
            return as(caller, w).delete(WORKSPACES + "/" + w + "/connectors/doomed");
        });
        return calls;
    }

    /** The sample connector with the broken static-initialiser factory beside it: refused only by that finding. */
    private Path refusedJar(Path sample) {
        return JarVariants.merged(temp.resolve("refused-" + names.incrementAndGet() + ".jar"),
                List.of(sample, TestJars.jar("broken-static-init-throws.jar")));
    }

    private Answer lease(RegistryHttp as, String job) {
        return as.postJson(WORKSPACES + "/" + shared + "/resolve", Map.of("identifiers",
                List.of(Map.of("identifier", "sequence")), "jobId", job, "leaseSeconds", 60));
    }

    private void twoVersions(String ws) {
        registered(ws, "two", TestJars.sequenceV1());
        Answer second = platform.postJar(WORKSPACES + "/" + ws + "/connectors/two/versions",
                JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("two-" + names.incrementAndGet() + ".jar"),
                        "second"));
        assertThat(second.status()).as(second.text()).isEqualTo(201);
    }

    private String workspace() {
        return workspace("m-" + names.incrementAndGet());
    }

    private String workspace(String name) {
        Answer created = platform.postJson(WORKSPACES, RegistryHttp.body("name", name, "flinkVersion", "1.20"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    private void registered(String ws, String name, Path jar) {
        Answer answer = platform.postJar(WORKSPACES + "/" + ws + "/connectors?name=" + name, jar);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    private String token(String ws, String role) {
        Answer created = platform.postJson("/api/v1/tokens", Map.of("name", role + "-" + names.incrementAndGet(),
                "workspace", ws, "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("token").asString();
    }

    /** The role an operation of the served contract declares under an extension. */
    private static String declared(String operationId, String extension) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "openapi.yaml"))) {
            return AccessPolicy.parse(in).stream().filter(o -> o.operationId().equals(operationId)).findFirst()
                    .map(o -> o.requirement(extension)).orElseThrow();
        }
    }

    /** Every operation of the served contract with the role it declares. */
    private static Map<String, String> declaredRoles() throws IOException {
        Map<String, String> roles = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(Path.of("..", "openapi.yaml"))) {
            for (AccessPolicy.Operation operation : AccessPolicy.parse(in)) {
                roles.put(operation.operationId(), operation.requirement("x-required-role"));
            }
        }
        return roles;
    }

    private static String abbreviated(Answer answer) {
        String text = answer.text().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
