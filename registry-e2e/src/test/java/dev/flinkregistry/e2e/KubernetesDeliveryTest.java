package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.cli.Fcr;
import dev.flinkregistry.testsupport.FlinkSql;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes delivery end to end against the packaged server: {@code fcr k8s} and {@code POST
 * …/kubernetes} generate Flink Kubernetes Operator resources, which are checked against the
 * operator's own CRD schemas (flink-kubernetes-operator-api 1.10.0) and their pod templates against
 * Kubernetes' typed {@code PodTemplateSpec}; the init container's command, taken from the generated
 * YAML, runs for real (in-process {@code fcr}, its {@code --into} pointed at a temporary directory
 * instead of the pod's mount point) and a real Flink 1.20 SQL job then runs with exactly that
 * directory's JARs (the sample classes are not on the test class path). A JAR whose bytes were
 * changed on the way, or a manifest whose pinned SHA-256 was edited, makes the command fail with a
 * clear message and leaves no JAR behind.
 */
class KubernetesDeliveryTest {

    private static final String SEQUENCE_FACTORY = "dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory";
    static final CrdSchema DEPLOYMENTS = CrdSchema.fromClassPath("META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml");
    static final CrdSchema SESSION_JOBS = CrdSchema.fromClassPath("META-INF/fabric8/flinksessionjobs.flink.apache.org-v1.yml");

    @TempDir
    static Path temp;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private static RegistryServerProcess server;
    private static String workspace;
    private static String sequenceSha;
    private static String rowFileSha;
    private static Path sqlFile;
    private static Path output;

    @BeforeAll
    static void registerConnectors() throws IOException {
        server = registry.server();
        workspace = server.newWorkspace("k8s");
        HttpRegistryClient client = ServerClients.of(server, workspace, temp.resolve("admin-cache"));
        sequenceSha = client.register("sequence", TestJars.sequenceV1()).version().sha256();
        rowFileSha = client.register("row-file", TestJars.rowFileSink()).version().sha256();
        output = temp.resolve("job/out.txt");
        sqlFile = Files.writeString(temp.resolve("job.sql"), """
                CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '%s');
                INSERT INTO snk SELECT * FROM src;
                """.formatted(output.toAbsolutePath()));
    }

    @Test
    void theInitContainersCommandFetchesVerifiedJarsThatARealFlinkJobRunsWith() throws Exception {
        assertThatThrownBy(() -> Class.forName(SEQUENCE_FACTORY)).isInstanceOf(ClassNotFoundException.class);
        Run generated = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders", "--job-id", "k8s-orders");
        assertThat(generated.exit()).as(generated.err()).isZero();
        String rest = post(Map.of("sql", Files.readString(sqlFile), "name", "orders", "jobId", "k8s-orders"));

        JsonNode deployment = OperatorYaml.single(generated.out());
        for (JsonNode resource : List.of(deployment, OperatorYaml.single(rest))) {
            assertThat(DEPLOYMENTS.errors(resource)).isEmpty();
            assertThat(OperatorYaml.podTemplate(resource).getSpec().getInitContainers()).hasSize(1);
        }
        JsonNode init = deployment.at("/spec/podTemplate/spec/initContainers/0");
        assertThat(init).isEqualTo(OperatorYaml.single(rest).at("/spec/podTemplate/spec/initContainers/0"));
        assertThat(deployment.at("/metadata/annotations").path("flinkregistry.dev/job-id").asText()).isEqualTo("k8s-orders");
        assertThat(generated.out()).contains("# Leased for job k8s-orders until ");
        assertThat(deployment.at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath").asText())
                .isEqualTo(init.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/opt/flink/usrlib/registry");

        Path usrlib = temp.resolve("pod-1/usrlib-registry");
        Run fetched = runInitContainer(init, usrlib, Map.of());
        assertThat(fetched.exit()).as(fetched.err()).isZero();

        // Exactly the pinned JARs, verified, and exactly what pipeline.classpaths names.
        List<String> classpaths = List.of(deployment.at("/spec/flinkConfiguration").path("pipeline.classpaths").asText()
                .split(";"));
        assertThat(classpaths).containsExactly("file:///opt/flink/usrlib/registry/sequence-1.jar",
                "file:///opt/flink/usrlib/registry/row-file-1.jar");
        assertThat(list(usrlib)).containsExactlyInAnyOrder("sequence-1.jar", "row-file-1.jar");
        assertThat(TestJars.sha256(Files.readAllBytes(usrlib.resolve("sequence-1.jar")))).isEqualTo(sequenceSha);
        assertThat(TestJars.sha256(Files.readAllBytes(usrlib.resolve("row-file-1.jar")))).isEqualTo(rowFileSha);

        // A real Flink 1.20 job with that directory's JARs, in pipeline.classpaths' order, as its user JARs.
        List<String> addJars = classpaths.stream().map(url -> "ADD JAR '" + usrlib.resolve(url.substring(
                url.lastIndexOf('/') + 1)) + "'").toList();
        String[] statements = Files.readString(sqlFile).lines().filter(line -> !line.isBlank())
                .map(line -> line.strip().replaceAll(";$", "")).toArray(String[]::new);
        FlinkSql.create().run(addJars).run(statements);
        assertThat(Files.readAllLines(output)).containsExactly("0,row-0", "1,row-1", "2,row-2", "3,row-3", "4,row-4");

        assertThat(get("/leases?connector=sequence")).contains("k8s-orders");
        ServerClients.of(server, workspace, temp.resolve("release-cache")).releaseLease("k8s-orders");
    }

    @Test
    void aJarChangedOnTheWayFailsTheInitContainerAndLeavesNoJar() throws Exception {
        Run generated = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders");
        JsonNode init = OperatorYaml.single(generated.out()).at("/spec/podTemplate/spec/initContainers/0");
        HttpServer proxy = corruptingProxy(sequenceSha);
        try {
            String proxyUrl = "http://127.0.0.1:" + proxy.getAddress().getPort();
            ObjectNode throughProxy = init.deepCopy();
            ArrayNode args = (ArrayNode) throughProxy.get("args");
            for (int i = 0; i < args.size(); i++) {
                args.set(i, args.get(i).asText().replace(server.baseUrl(), proxyUrl));
            }
            Path usrlib = temp.resolve("pod-2/usrlib-registry");

            Run fetched = runInitContainer(throughProxy, usrlib, Map.of("FCR_SERVER", proxyUrl));

            assertThat(fetched.exit()).isEqualTo(1);
            assertThat(fetched.err()).contains("SHA-256 mismatch for sequence-1.jar", "expected " + sequenceSha,
                    "the JAR was not kept");
            assertThat(list(usrlib)).as("nothing left, not even the JAR that was fine").isEmpty();
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aManifestWhosePinnedDigestWasEditedFailsAndLeavesNoJar() throws Exception {
        Run generated = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders");
        ObjectNode init = OperatorYaml.single(generated.out()).at("/spec/podTemplate/spec/initContainers/0").deepCopy();
        ArrayNode args = (ArrayNode) init.get("args");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).asText();
            if (arg.startsWith("sequence-1.jar=")) {
                args.set(i, arg.replaceFirst("=" + sequenceSha + "@", "=" + rowFileSha + "@"));
            }
        }
        Path usrlib = temp.resolve("pod-3/usrlib-registry");

        Run fetched = runInitContainer(init, usrlib, Map.of());

        assertThat(fetched.exit()).isEqualTo(1);
        assertThat(fetched.err()).contains("SHA-256 mismatch for sequence-1.jar", "expected " + rowFileSha,
                "got " + sequenceSha);
        assertThat(list(usrlib)).isEmpty();
    }

    /**
     * The renewal sidecar's command, taken from the YAML and run once (without {@code --every}, which
     * only repeats it), after the connector moved on to version 2: the job's lease is extended on
     * version 1, the version the pod was pinned to, and version 2 stays unleased.
     */
    @Test
    void theRenewalSidecarRenewsTheLeaseOnThePinnedVersionsOnly() throws Exception {
        String own = server.newWorkspace("k8s-renew");
        HttpRegistryClient admin = ServerClients.of(server, own, temp.resolve("renew-cache"));
        admin.register("sequence", TestJars.sequenceV1());
        admin.register("row-file", TestJars.rowFileSink());
        Run generated = fcr(Map.of("FCR_WORKSPACE", own), "k8s", sqlFile.toString(), "--name", "renewed", "--job-id",
                "k8s-renew", "--lease-seconds", "600", "--renew-every", "5m");
        assertThat(generated.exit()).as(generated.err()).isZero();
        JsonNode deployment = OperatorYaml.single(generated.out());
        assertThat(DEPLOYMENTS.errors(deployment)).isEmpty();
        JsonNode jobManagerTemplate = deployment.at("/spec/jobManager/podTemplate");
        PodTemplateSpec typed = OperatorYaml.STRICT.treeToValue(((ObjectNode) jobManagerTemplate.deepCopy()).remove(List.of("apiVersion", "kind")),
                PodTemplateSpec.class);
        assertThat(typed.getSpec().getInitContainers()).extracting(c -> c.getName(), c -> c.getRestartPolicy())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fetch-registry-jars", null),
                        org.assertj.core.groups.Tuple.tuple("renew-registry-lease", "Always"));
        assertThat(jobManagerTemplate.at("/spec/initContainers/0"))
                .isEqualTo(deployment.at("/spec/podTemplate/spec/initContainers/0"));

        admin.update("sequence", TestJars.sequenceV2(), false);
        JsonNode sidecar = jobManagerTemplate.at("/spec/initContainers/1");
        ObjectNode once = sidecar.deepCopy();
        ArrayNode args = (ArrayNode) once.get("args");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).asText().equals("--every")) {
                args.remove(i + 1);
                args.remove(i);
                break;
            }
        }
        assertThat(args.size()).isLessThan(sidecar.get("args").size());
        Run renewed = runInitContainer(once, temp.resolve("unused"), Map.of());

        assertThat(renewed.exit()).as(renewed.err()).isZero();
        assertThat(renewed.out()).contains("lease of job k8s-renew renewed until");
        JsonNode leases = new ObjectMapper().readTree(getIn(own, "/leases?connector=sequence")).path("items");
        assertThat(leases.findValues("jobId")).extracting(JsonNode::asText).containsExactly("k8s-renew");
        assertThat(leases.get(0).path("versions").toString()).contains("\"connector\":\"sequence\",\"version\":1")
                .doesNotContain("\"connector\":\"sequence\",\"version\":2");
        admin.releaseLease("k8s-renew");
    }

    @Test
    void sessionJobResourcesPatchesAndKustomizationsFitTheOperatorsSchemas() throws Exception {
        Run session = fcr(Map.of(), "k8s", sqlFile.toString(), "--kind", "FlinkSessionJob", "--name", "orders-job",
                "--deployment", "session", "--jar-uri", "https://artifacts.example.com/sql-runner.jar");
        assertThat(session.exit()).as(session.err()).isZero();
        List<JsonNode> documents = OperatorYaml.documents(session.out());
        assertThat(documents).extracting(d -> d.path("kind").asText()).containsExactly("FlinkDeployment", "FlinkSessionJob");
        assertThat(DEPLOYMENTS.errors(documents.get(0))).isEmpty();
        assertThat(SESSION_JOBS.errors(documents.get(1))).isEmpty();
        assertThat(OperatorYaml.podTemplate(documents.get(0)).getSpec().getVolumes()).extracting(v -> v.getName())
                .containsExactly("registry-jars");
        assertThat(documents.get(0).at("/spec/podTemplate/spec/initContainers/0/args/2").asText())
                .isEqualTo("/opt/flink/lib/registry");
        assertThat(documents.get(1).at("/spec/job/jarURI").asText()).startsWith("https://");

        // The merge patch onto a FlinkDeployment someone already has, as kubectl patch --type merge applies it.
        JsonNode existing = OperatorYaml.YAML.readTree("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: orders}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  serviceAccount: flink
                  flinkConfiguration: {taskmanager.numberOfTaskSlots: "2"}
                  jobManager: {resource: {memory: 2048m, cpu: 1}}
                  taskManager: {resource: {memory: 2048m, cpu: 1}}
                  job: {jarURI: "local:///opt/flink/usrlib/sql-runner.jar", parallelism: 2, upgradeMode: stateless}
                """);
        Run patch = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders", "--output", "patch");
        JsonNode patched = OperatorYaml.mergePatch(existing.deepCopy(), OperatorYaml.single(patch.out()));
        assertThat(DEPLOYMENTS.errors(patched)).isEmpty();
        assertThat(patched.at("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots").asText()).isEqualTo("2");
        assertThat(patched.at("/spec/flinkConfiguration").path("pipeline.classpaths").asText()).contains("sequence-1.jar");
        assertThat(OperatorYaml.podTemplate(patched).getSpec().getInitContainers()).hasSize(1);

        Run kustomize = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders", "--output", "kustomize");
        JsonNode kustomization = OperatorYaml.single(kustomize.out());
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        JsonNode inline = OperatorYaml.YAML.readTree(kustomization.at("/patches/0/patch").asText());
        assertThat(DEPLOYMENTS.errors(OperatorYaml.mergePatch(existing.deepCopy(), inline))).isEmpty();
    }

    @Test
    void theSchemaCheckRefusesWrongResources() throws Exception {
        Run generated = fcr(Map.of(), "k8s", sqlFile.toString(), "--name", "orders");
        JsonNode good = OperatorYaml.single(generated.out());
        assertThat(DEPLOYMENTS.errors(good)).isEmpty();

        ObjectNode typo = good.deepCopy();
        ((ObjectNode) typo.at("/spec/podTemplate/spec/initContainers/0")).put("imag", "fcr");
        assertThat(DEPLOYMENTS.errors(typo)).contains("spec.podTemplate.spec.initContainers[0].imag: unknown field");
        assertThatThrownBy(() -> OperatorYaml.podTemplate(typo)).hasMessageContaining("imag");

        ObjectNode version = good.deepCopy();
        ((ObjectNode) version.get("spec")).put("flinkVersion", "v9_99");
        assertThat(DEPLOYMENTS.errors(version)).anyMatch(e -> e.startsWith("spec.flinkVersion: \"v9_99\" is not one of"));

        ObjectNode type = good.deepCopy();
        ((ObjectNode) type.at("/spec/jobManager")).put("replicas", "two");
        assertThat(DEPLOYMENTS.errors(type)).contains("spec.jobManager.replicas: expected integer, got STRING");

        ObjectNode volume = good.deepCopy();
        ((ObjectNode) volume.at("/spec/podTemplate/spec/volumes/0")).put("emptyDir", "yes");
        assertThat(DEPLOYMENTS.errors(volume)).contains("spec.podTemplate.spec.volumes[0].emptyDir: expected object, got STRING");

        ObjectNode misplaced = good.deepCopy();
        ((ObjectNode) misplaced.get("spec")).set("initContainers", misplaced.at("/spec/podTemplate/spec/initContainers"));
        assertThat(DEPLOYMENTS.errors(misplaced)).contains("spec.initContainers: unknown field");

        ObjectNode wrongKind = good.deepCopy();
        wrongKind.put("kind", "FlinkSessionJob");
        assertThat(SESSION_JOBS.errors(wrongKind)).isNotEmpty();
    }

    // --- running fcr and the init container -------------------------------------------------------

    record Run(int exit, String out, String err) {}

    /** fcr in-process against the shared server and the test's workspace, with the admin token. */
    private static Run fcr(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", temp.toString(), "FCR_SERVER", server.baseUrl(),
                "FCR_WORKSPACE", workspace, "FCR_TOKEN", server.adminToken()));
        env.putAll(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Fcr.commandLine(env);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Runs the init container as its pod would: its args, its env (the Secret's value for
     * FCR_TOKEN), only the mount point replaced by a local directory.
     */
    private static Run runInitContainer(JsonNode init, Path mountedAt, Map<String, String> override) {
        String mountPath = init.at("/volumeMounts/0/mountPath").asText();
        List<String> args = new ArrayList<>();
        init.get("args").forEach(arg -> args.add(!mountPath.isEmpty() && arg.asText().equals(mountPath)
                ? mountedAt.toString() : arg.asText()));
        assertThat(mountPath.isEmpty() || args.contains(mountedAt.toString())).isTrue();
        Map<String, String> env = new HashMap<>(Map.of("HOME", temp.resolve("init-home").toString()));
        for (JsonNode variable : init.get("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                assertThat(secret.path("name").asText()).isEqualTo("fcr-token");
                env.put(variable.path("name").asText(), server.adminToken());
            } else {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        assertThat(env).containsKeys("FCR_TOKEN", "FCR_SERVER", "FCR_WORKSPACE");
        env.putAll(override);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Fcr.commandLine(env);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    // --- HTTP --------------------------------------------------------------------------------------

    private static String post(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v1/workspaces/" + workspace + "/kubernetes"))
                .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        return response.body();
    }

    private static String get(String path) throws Exception {
        return getIn(workspace, path);
    }

    private static String getIn(String inWorkspace, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/workspaces/" + inWorkspace + path)).header("Authorization", "Bearer " + server.adminToken())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Forwards GETs to the server and flips one byte in the body of the JAR with this digest. */
    private static HttpServer corruptingProxy(String sha256) throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient http = HttpClient.newHttpClient();
        proxy.createContext("/", exchange -> {
            try (exchange) {
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + exchange.getRequestURI()));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    forward.header("Authorization", authorization);
                }
                HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] body = answer.body();
                if (exchange.getRequestURI().getPath().endsWith("/jars/" + sha256) && body.length > 100) {
                    body[body.length / 2] ^= 0x01;
                }
                exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        return proxy;
    }

    private static List<String> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

}
