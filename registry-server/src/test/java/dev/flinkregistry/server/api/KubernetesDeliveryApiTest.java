package dev.flinkregistry.server.api;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST …/kubernetes} over real HTTP: the pinned JARs of a resolve as Flink Kubernetes
 * Operator YAML (application deployment, session cluster + session job, merge patch, kustomization),
 * leased like a resolve. The operator's CRD schema check and running the init container's command
 * are registry-e2e's KubernetesDeliveryTest.
 *
 * <p>Bad inputs tried: an unknown kind, an unknown output, a name with upper case, no name, an
 * image with a space, an unknown identifier, nothing to resolve, lease seconds 0, renewEvery without
 * a job id, of {@code 1x}, of 30 s, not shorter than the lease given or the server's default one, and
 * too large for a long or a Duration; a job id with line breaks (also U+0085, U+2028, U+2029, YAML 1.1's),
 * a document separator, a leading {@code -}, a space, {@code #}, non-ASCII, or empty; U+2028, U+0085,
 * U+2029 and a line break in name, deploymentName, image, tokenSecret, tokenSecretKey and jarUri; a lease
 * longer than the server's maximum; renewing the lease of a job that
 * holds none, one that was released, with lease seconds 0, and another principal's lease as a submitter.
 */
class KubernetesDeliveryApiTest extends RegistryApiTest {

    private String workspace;
    private String sequenceSha;
    private String psvSha;

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @BeforeAll
    void registerConnectors() {
        workspace = newWorkspace();
        sequenceSha = registered(workspace, "sequence", TestJars.sequenceV1()).path("sha256").asString();
        psvSha = registered(workspace, "psv", TestJars.psvFormat()).path("sha256").asString();
    }

    @Test
    void deliversAnApplicationDeploymentsJarsThroughAVerifyingInitContainer() {
        Answer answer = http.postJson(workspace + "/kubernetes", body("sql", """
                CREATE TABLE s (v BIGINT) WITH ('connector' = 'sequence', 'format' = 'psv');""", "name", "orders"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/yaml");
        List<Map<String, Object>> documents = documents(answer.text());
        assertThat(documents).hasSize(1);
        Map<String, Object> deployment = documents.get(0);
        assertThat(deployment).containsEntry("apiVersion", "flink.apache.org/v1beta1").containsEntry("kind", "FlinkDeployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertThat(spec).containsEntry("flinkVersion", "v1_20");
        assertThat(map(spec, "flinkConfiguration")).containsEntry("pipeline.classpaths",
                "file:///opt/flink/usrlib/registry/sequence-1.jar;file:///opt/flink/usrlib/registry/psv-1.jar");
        Map<String, Object> init = initContainer(map(spec, "podTemplate"));
        assertThat(init.get("args")).asList().containsExactly("fetch", "--into", "/opt/flink/usrlib/registry",
                "--jar", "sequence-1.jar=" + sequenceSha + "@" + registry.baseUrl() + workspace + "/jars/" + sequenceSha,
                "--jar", "psv-1.jar=" + psvSha + "@" + registry.baseUrl() + workspace + "/jars/" + psvSha);
        assertThat(init.get("env").toString()).contains("FCR_TOKEN", "secretKeyRef", "fcr-token");
        assertThat(answer.text()).contains("# No lease");
    }

    @Test
    void leasesForTheJobIdAndSaysUntilWhen() {
        Answer answer = http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "sequence")), "name", "leased", "jobId", "k8s-job", "leaseSeconds", 600, "output", "patch"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Map<String, Object> patch = documents(answer.text()).get(0);
        assertThat(map(map(patch, "metadata"), "annotations")).containsEntry("flinkregistry.dev/job-id", "k8s-job");
        assertThat(patch).containsOnlyKeys("metadata", "spec");
        Answer leases = http.get(workspace + "/leases?connector=sequence");
        assertThat(leases.text()).contains("k8s-job");
        assertThat(answer.text()).contains("kubectl patch flinkdeployment leased --type merge");
    }

    @Test
    void refusesAJobIdThatCouldAddYamlOrBeReadAsAnOption() {
        // Line breaks to YAML 1.1 readers (PyYAML, go-yaml) too: U+0085, U+2028, U+2029 would end the
        // header comment; a leading "-" would be an option to the renewal sidecar's fcr.
        List<String> jobIds = List.of("evil\nspec: {replaced: true}\r\n---\nkind: Secret", "x\u2028stringData: | #",
                "x\u0085stringData: x", "x\u2029kind: Secret", "--every", "-job", "job id", "job#1", "\u00e9t\u00e9", "");
        for (String jobId : jobIds) {
            assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                    "sequence")), "name", "orders", "jobId", jobId, "leaseSeconds", 60, "output", "patch")), 400,
                    "INVALID_REQUEST");
        }
        String leases = http.get(workspace + "/leases?connector=sequence").text();
        assertThat(leases).doesNotContain("evil", "stringData", "--every", "-job", "job id", "job#1");
    }

    @Test
    void refusesAnyOtherFieldWithAYaml11LineBreak() {
        for (String field : List.of("name", "deploymentName", "image", "tokenSecret", "tokenSecretKey", "jarUri")) {
            for (String bad : List.of("a\u2028b: c", "a\u0085b", "a\u2029b", "a\nb: c")) {
                Map<String, Object> request = new java.util.HashMap<>(Map.of("identifiers", List.of(Map.of("identifier",
                        "sequence")), "name", "a", "jobId", "bad-field-" + field, "leaseSeconds", 60));
                request.put(field, bad);
                assertProblem(http.postJson(workspace + "/kubernetes", request), 400, "INVALID_REQUEST");
            }
        }
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).doesNotContain("bad-field-");
    }

    @Test
    void putsASessionClustersJarsInLibAndTheSessionJobNamesOnlyItsOwnJar() {
        Answer answer = http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "sequence")), "name", "orders-job", "kind", "FlinkSessionJob", "deploymentName", "session",
                "jarUri", "https://artifacts.example.com/sql-runner.jar"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<Map<String, Object>> documents = documents(answer.text());
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("FlinkDeployment", "FlinkSessionJob");
        Map<String, Object> cluster = map(documents.get(0), "spec");
        assertThat(initContainer(map(cluster, "podTemplate")).get("args")).asList()
                .contains("/opt/flink/lib/registry");
        assertThat(map(documents.get(0), "metadata")).containsEntry("name", "session");
        Map<String, Object> job = map(documents.get(1), "spec");
        assertThat(job).containsEntry("deploymentName", "session").doesNotContainKey("flinkConfiguration");
        assertThat(map(job, "job")).containsEntry("jarURI", "https://artifacts.example.com/sql-runner.jar");
    }

    @Test
    void writesAKustomizationWithTheClusterPatchInline() {
        Answer answer = http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "sequence")), "name", "orders", "output", "kustomize"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Map<String, Object> kustomization = documents(answer.text()).get(0);
        assertThat(kustomization).containsEntry("kind", "Kustomization");
        Map<String, Object> entry = cast(((List<?>) kustomization.get("patches")).get(0));
        assertThat(map(entry, "target")).containsEntry("kind", "FlinkDeployment").containsEntry("name", "orders");
        Map<String, Object> patch = documents((String) entry.get("patch")).get(0);
        assertThat(initContainer(map(map(patch, "spec"), "podTemplate"))).containsEntry("name", "fetch-registry-jars");
    }

    @Test
    void addsARenewalSidecarToTheJobManagerThatRenewsThePinnedVersions() {
        Answer answer = http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "sequence")), "name", "renewed", "jobId", "k8s-renewed", "leaseSeconds", 7200, "renewEvery", "1h"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Map<String, Object> spec = map(documents(answer.text()).get(0), "spec");
        Map<String, Object> jobManager = map(spec, "jobManager");
        assertThat(jobManager).containsKeys("resource", "podTemplate");
        List<?> inits = (List<?>) map(map(jobManager, "podTemplate"), "spec").get("initContainers");
        assertThat(inits).hasSize(2);
        assertThat(inits.get(0)).isEqualTo(initContainer(map(spec, "podTemplate")));
        Map<String, Object> renew = cast(inits.get(1));
        assertThat(renew).containsEntry("name", "renew-registry-lease").containsEntry("restartPolicy", "Always");
        assertThat(renew.get("args")).asList().containsExactly("lease", "renew", "--every", "1h",
                "--lease-seconds", "7200", "--", "k8s-renewed");

        // What the sidecar calls: the lease on exactly the pinned versions is extended.
        Answer renewed = http.putJson(workspace + "/leases/k8s-renewed", Map.of("leaseSeconds", 10_000));
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(renewed.json().path("versions").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(renewed.json().path("expiresAt").asString()))
                .isAfter(java.time.Instant.now().plusSeconds(9_000));
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).contains(renewed.json().path("expiresAt")
                .asString().substring(0, 16));
    }

    @Test
    void renewsOnlyRunningLeasesOfTheirHolder() {
        assertProblem(http.putJson(workspace + "/leases/never-leased", Map.of()), 404, "LEASE_NOT_FOUND");
        assertThat(http.postJson(workspace + "/resolve", body("identifiers", List.of(Map.of("identifier", "sequence")),
                "jobId", "released-job")).status()).isEqualTo(200);
        assertThat(http.delete(workspace + "/leases/released-job").status()).isEqualTo(204);
        assertProblem(http.putJson(workspace + "/leases/released-job", Map.of()), 404, "LEASE_NOT_FOUND");
        assertThat(http.postJson(workspace + "/resolve", body("identifiers", List.of(Map.of("identifier", "sequence")),
                "jobId", "admins-job", "leaseSeconds", 600)).status()).isEqualTo(200);
        assertProblem(http.putJson(workspace + "/leases/admins-job", Map.of("leaseSeconds", 0)), 400, "INVALID_REQUEST");
        String before = http.get(workspace + "/leases?connector=sequence").text();
        assertThat(withRole(workspace, "submitter").putJson(workspace + "/leases/admins-job", Map.of()).status())
                .isEqualTo(403);
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).isEqualTo(before);
    }

    @Test
    void refusesBadRequestsWithProblems() {
        Map<String, Object> sequence = Map.of("identifier", "sequence");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence), "name", "a",
                "kind", "Deployment")), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence), "name", "a",
                "output", "helm")), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence), "name",
                "Orders")), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence))), 400,
                "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence), "name", "a",
                "image", "fcr image")), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(sequence), "name", "a",
                "jobId", "bad-lease", "leaseSeconds", 0)), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "nope")), "name", "a")), 422, "UNRESOLVED_IDENTIFIERS");
        assertProblem(http.postJson(workspace + "/kubernetes", body("sql", "SELECT 1", "name", "a")), 400,
                "NOTHING_TO_RESOLVE");
        for (Map<String, Object> renewal : List.<Map<String, Object>>of(Map.of("renewEvery", "1h"),
                Map.of("jobId", "bad-lease", "renewEvery", "1x"), Map.of("jobId", "bad-lease", "renewEvery", "30s"),
                Map.of("jobId", "bad-lease", "renewEvery", "2h", "leaseSeconds", 3600))) {
            Map<String, Object> request = new java.util.HashMap<>(renewal);
            request.putAll(Map.of("identifiers", List.of(sequence), "name", "a"));
            assertProblem(http.postJson(workspace + "/kubernetes", request), 400, "INVALID_REQUEST");
        }
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).doesNotContain("bad-lease");
    }

    @Test
    void refusesARenewalIntervalTooLargeToCountOrNotShorterThanTheLease() {
        // The server's default lease (registry.leases.default-duration) is 24 h.
        List<Map<String, Object>> renewals = List.of(Map.of("renewEvery", "9999999999999999999999999999999d"),
                Map.of("renewEvery", "999999999999999d"), Map.of("renewEvery", "9223372036854775807s"),
                Map.of("renewEvery", "PT99999999999999999999H"), Map.of("renewEvery", "30d"),
                Map.of("renewEvery", "24h"), Map.of("renewEvery", "PT24H"), Map.of("renewEvery", "1440m"),
                Map.of("renewEvery", "999999999999999d", "leaseSeconds", 3600));
        for (String jobId : List.of("huge-renewal", "held-renewal")) {
            if (jobId.equals("held-renewal")) {
                assertThat(http.postJson(workspace + "/resolve", body("identifiers", List.of(Map.of("identifier",
                        "sequence")), "jobId", jobId, "leaseSeconds", 600)).status()).isEqualTo(200);
            }
            String before = http.get(workspace + "/leases?connector=sequence").text();
            for (Map<String, Object> renewal : renewals) {
                Map<String, Object> request = new java.util.HashMap<>(renewal);
                request.putAll(Map.of("identifiers", List.of(Map.of("identifier", "sequence")), "name", "a", "jobId", jobId));
                assertProblem(http.postJson(workspace + "/kubernetes", request), 400, "INVALID_REQUEST");
            }
            assertThat(http.get(workspace + "/leases?connector=sequence").text()).as("no lease taken or changed")
                    .isEqualTo(before);
        }
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).doesNotContain("huge-renewal");

        // Shorter than the default lease: accepted, and the sidecar gets no --lease-seconds.
        Answer answer = http.postJson(workspace + "/kubernetes", body("identifiers", List.of(Map.of("identifier",
                "sequence")), "name", "a", "jobId", "default-renewal", "renewEvery", "23h"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<?> inits = (List<?>) map(map(map(map(documents(answer.text()).get(0), "spec"), "jobManager"), "podTemplate"),
                "spec").get("initContainers");
        assertThat(cast(inits.get(1)).get("args")).asList().containsExactly("lease", "renew", "--every", "23h", "--",
                "default-renewal");
    }

    @Test
    void aTooLongLeaseSaysHowToRenewIt() {
        JsonNode problem = assertProblem(http.postJson(workspace + "/kubernetes", body("identifiers",
                List.of(Map.of("identifier", "sequence")), "name", "a", "jobId", "too-long", "leaseSeconds", 31_536_000)),
                400, "LEASE_TOO_LONG");
        assertThat(problem.path("detail").asString()).contains("fcr lease renew", "/leases/").doesNotContain("resolving again");
        assertThat(http.get(workspace + "/leases?connector=sequence").text()).doesNotContain("too-long");
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(d -> documents.add(cast(d)));
        return documents;
    }

    private static Map<String, Object> initContainer(Map<String, Object> podTemplate) {
        List<?> inits = (List<?>) map(podTemplate, "spec").get("initContainers");
        assertThat(inits).hasSize(1);
        return cast(inits.get(0));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
