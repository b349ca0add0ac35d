package dev.flinkregistry.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The docker-compose example in deploy/compose, checked without Docker: the services it promises, each
 * wired to the others by the names it defines, every registry setting it sets a real one, the load
 * balancer's backends the replicas, and HAProxy's own check of its configuration.
 */
class ComposeExampleTest {

    private static final Path COMPOSE = RegistrySettings.ROOT.resolve("deploy/compose");
    private static final List<String> REPLICAS = List.of("registry-1", "registry-2");
    private static final Pattern BACKEND_SERVER = Pattern.compile("(?m)^\\s*server\\s+(\\S+)\\s+([\\w.-]+):(\\d+)\\b");
    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)");

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> networks;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        // SnakeYAML 1.1 semantics: the replicas share their settings through a merge key (<<: *registry).
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        networks = (Map<String, Object>) compose.get("networks");
    }

    @Test
    void runsTheProductionShapeOnOneMachine() throws IOException {
        assertThat(services).containsOnlyKeys("postgres", "minio", "create-bucket", "analysis", "registry-1", "registry-2", "lb");
        String dockerfile = Files.readString(RegistrySettings.ROOT.resolve("Dockerfile"));
        List<String> stages = STAGE.matcher(dockerfile).results().map(m -> m.group(1)).toList();

        for (String replica : REPLICAS) {
            assertThat(build(replica)).containsEntry("target", "server");
        }
        assertThat(build("analysis")).containsEntry("target", "analysis-service");
        for (String service : List.of("registry-1", "analysis")) {
            assertThat(stages).contains((String) build(service).get("target"));
            assertThat(COMPOSE.resolve((String) build(service).get("context")).resolve("Dockerfile")).exists();
        }
        for (String service : List.of("postgres", "minio", "analysis", "registry-1", "registry-2")) {
            assertThat(services.get(service)).as(service).containsKey("healthcheck");
        }
        assertThat(env("registry-1")).isEqualTo(env("registry-2"));
    }

    @Test
    void setsOnlyRealSettings() throws IOException {
        RegistrySettings settings = RegistrySettings.read();

        for (String service : List.of("registry-1", "registry-2", "analysis")) {
            assertThat(env(service).keySet()).as(service)
                    .allSatisfy(name -> assertThat(settings.isSetting(name)).as("%s names a setting", name).isTrue());
        }
    }

    @Test
    void wiresTheReplicasToTheDatabaseTheStoreAndTheAnalysisServiceByName() {
        Map<String, String> registry = env("registry-1");
        Map<String, String> postgres = env("postgres");
        URI database = URI.create(registry.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
        URI store = URI.create(registry.get("REGISTRY_STORAGE_S3_ENDPOINT"));
        URI analysis = URI.create(registry.get("REGISTRY_ANALYSIS_REMOTE_URL"));

        assertThat(services).containsKeys(database.getHost(), store.getHost(), analysis.getHost());
        assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(registry.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(registry.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(registry.get("AWS_SECRET_ACCESS_KEY")).isEqualTo(env("minio").get("MINIO_ROOT_PASSWORD"));
        assertThat(analysis.getPort()).isEqualTo(8081);
        assertThat(registry.get("REGISTRY_ANALYSIS_REMOTE_TOKEN")).isEqualTo(env("analysis").get("REGISTRY_ANALYSIS_REMOTE_TOKEN"));
        assertThat(String.valueOf(services.get("create-bucket").get("command")))
                .contains("store/" + registry.get("REGISTRY_STORAGE_S3_BUCKET"));
        assertThat(dependsOn("registry-1")).containsKeys("postgres", "create-bucket", "analysis");
    }

    /** Like the NetworkPolicy on Kubernetes: the analysis service shares a network only with the replicas, one with no way out. */
    @Test
    void fencesTheAnalysisServiceIn() {
        @SuppressWarnings("unchecked")
        List<String> analysisNetworks = (List<String>) services.get("analysis").get("networks");
        Map<String, String> analysis = env("analysis");

        assertThat(analysisNetworks).singleElement().satisfies(network ->
                assertThat(String.valueOf(networks.get(network))).contains("internal=true"));
        assertThat(services).allSatisfy((name, service) -> {
            if (!name.equals("analysis") && !REPLICAS.contains(name)) {
                assertThat(String.valueOf(service.get("networks"))).as(name).doesNotContain(analysisNetworks.get(0));
            }
        });
        assertThat(analysis.get("REGISTRY_ANALYSIS_ISOLATION")).isEqualTo("none");
        assertThat(analysis).containsOnlyKeys("REGISTRY_ANALYSIS_ISOLATION", "REGISTRY_ANALYSIS_REMOTE_TOKEN", "JAVA_TOOL_OPTIONS");
        for (String service : List.of("analysis", "registry-1")) {
            assertThat(services.get(service)).containsEntry("read_only", true).containsEntry("cap_drop", List.of("ALL"));
        }
    }

    @Test
    void balancesOverBothReplicasOnTheirReadiness() throws IOException {
        String haproxy = Files.readString(COMPOSE.resolve("haproxy.cfg"));
        Matcher servers = BACKEND_SERVER.matcher(haproxy);
        List<String> backends = servers.results().map(m -> m.group(2) + ":" + m.group(3)).toList();

        assertThat(backends).containsExactlyInAnyOrder("registry-1:8080", "registry-2:8080");
        assertThat(haproxy).contains("option httpchk GET /actuator/health/readiness");
        assertThat(String.valueOf(services.get("lb").get("volumes"))).contains("./haproxy.cfg:");
        assertThat(String.valueOf(services.get("lb").get("ports"))).contains("8080:8080");
        assertThat(dependsOn("lb")).containsOnlyKeys(REPLICAS.toArray(String[]::new));
    }

    /** HAProxy's own parser; the replicas' names need not resolve here (init-addr none). */
    @Test
    void haproxyAcceptsItsConfiguration() throws Exception {
        Path haproxy = Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "haproxy"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (haproxy == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("haproxy must be installed on CI (apt-get install haproxy) to check deploy/compose/haproxy.cfg");
            }
            Assumptions.abort("haproxy is not installed: apt-get install haproxy");
        }
        Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", COMPOSE.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("Configuration file is valid").doesNotContain("[ALERT]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> build(String service) {
        return (Map<String, Object>) services.get(service).get("build");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(String service) {
        return (Map<String, Object>) services.get(service).get("depends_on");
    }

    /** A service's environment, with compose's ${VAR:-default} read as its default. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) {
        Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
        return environment.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> String.valueOf(e.getValue()).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
    }
}
