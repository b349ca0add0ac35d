package dev.flinkregistry.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in deploy/helm, linted and rendered by Helm itself with several sets of values, and
 * the rendered objects read strictly into Kubernetes' object model and checked for what production
 * needs: locked-down pods, probes, resources, secrets only by reference, the analysis service fenced in.
 */
class HelmChartTest {

    private static final String SERVER = "fcr-flink-connector-registry";
    private static final String ANALYSIS = "fcr-flink-connector-registry-analysis";

    private static RegistrySettings settings;

    @BeforeAll
    static void readSettings() throws Exception {
        settings = RegistrySettings.read();
    }

    @Test
    void lintsWithoutFindings() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void rendersTwoLockedDownDeploymentsByDefault() {
        String manifests = new Helm(RenderedChart.CHART).template().withName(RenderedChart.RELEASE).call();
        RenderedChart.write(manifests, Path.of("target", "rendered", "defaults.yaml"));
        RenderedChart chart = RenderedChart.parse(manifests);

        assertThat(chart.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(SERVER, ANALYSIS);
        assertThat(chart.all(Secret.class)).as("the chart holds no secret; it refers to the operator's").isEmpty();
        assertThat(chart.all(Ingress.class)).isEmpty();
        assertThat(chart.all(ServiceMonitor.class)).isEmpty();
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            assertLockedDown(deployment);
            assertProbesAndResources(deployment);
            assertSecretsOnlyByReference(deployment);
            assertEveryVariableIsASetting(deployment);
        }
    }

    @Test
    void theServerReachesTheAnalysisServiceThroughItsServiceAndSharedToken() {
        RenderedChart chart = RenderedChart.render();
        Container server = container(chart.get(Deployment.class, SERVER));
        Deployment analysis = chart.get(Deployment.class, ANALYSIS);
        Service analysisService = chart.get(Service.class, ANALYSIS);

        int port = analysisService.getSpec().getPorts().get(0).getPort();
        assertThat(value(server, "REGISTRY_ANALYSIS_REMOTE_URL")).isEqualTo("http://" + ANALYSIS + ":" + port);
        assertThat(analysis.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(analysisService.getSpec().getSelector());
        assertThat(container(analysis).getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo(analysisService.getSpec().getPorts().get(0).getTargetPort().getStrVal());
            assertThat(p.getContainerPort()).isEqualTo(8081);
        });
        EnvVar serverToken = variable(server, "REGISTRY_ANALYSIS_REMOTE_TOKEN");
        EnvVar serviceToken = variable(container(analysis), "REGISTRY_ANALYSIS_REMOTE_TOKEN");
        assertThat(serverToken.getValueFrom().getSecretKeyRef()).isEqualTo(serviceToken.getValueFrom().getSecretKeyRef());
        assertThat(serverToken.getValueFrom().getSecretKeyRef().getName()).isEqualTo("registry-analysis-token");
    }

    /** No isolation inside the pod (no user namespaces in a restricted pod): the pod itself is the boundary. */
    @Test
    void theAnalysisServiceHasNoCredentialsNoVolumeButScratchAndNoWayOut() {
        RenderedChart chart = RenderedChart.render();
        Deployment analysis = chart.get(Deployment.class, ANALYSIS);
        PodSpec pod = analysis.getSpec().getTemplate().getSpec();
        NetworkPolicy policy = chart.get(NetworkPolicy.class, ANALYSIS);
        Map<String, String> serverPods = chart.get(Deployment.class, SERVER).getSpec().getTemplate().getMetadata().getLabels();

        assertThat(value(container(analysis), "REGISTRY_ANALYSIS_ISOLATION")).isEqualTo("none");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).as(volume.getName()).isNotNull());
        assertThat(container(analysis).getEnvFrom()).isNullOrEmpty();
        assertThat(container(analysis).getEnv()).filteredOn(e -> e.getValueFrom() != null)
                .extracting(EnvVar::getName).containsExactly("REGISTRY_ANALYSIS_REMOTE_TOKEN");

        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(analysis.getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress()).as("egress rules: none, so nothing is allowed").isEmpty();
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).extracting(NetworkPolicyPeer::getNamespaceSelector).containsOnlyNulls();
            assertThat(rule.getFrom()).singleElement().satisfies(peer ->
                    assertThat(serverPods).containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
            assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels())
                    .isNotEqualTo(policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
        });
    }

    @Test
    void theServerTakesPostgresqlFromASecretAndOutlivesItsGracefulShutdown() {
        RenderedChart chart = RenderedChart.render("postgresql.existingSecret", "prod-db");
        Deployment deployment = chart.get(Deployment.class, SERVER);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container server = container(deployment);

        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            assertThat(variable(server, name).getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo("prod-db");
        }
        assertThat(value(server, "REGISTRY_STORAGE_DATA_DIR")).isEqualTo("/var/lib/registry");
        assertThat(server.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/var/lib/registry", "/tmp");
        assertThat(pod.getVolumes()).extracting(Volume::getEmptyDir).doesNotContainNull();
        assertThat(value(server, "JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError").contains("-XX:MaxRAMPercentage=");
        // Spring Boot's graceful shutdown waits up to 30 s, after the preStop pause.
        int preStop = Integer.parseInt(server.getLifecycle().getPreStop().getExec().getCommand().get(1));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30L + preStop);
        assertThat(chart.get(ServiceAccount.class, SERVER).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void honoursTheReplicaCountsAndBudgetsDisruptionsOnlyWhereThereIsMoreThanOnePod() {
        RenderedChart three = RenderedChart.render("server.replicaCount", "3", "analysisService.replicaCount", "1");

        assertThat(three.get(Deployment.class, SERVER).getSpec().getReplicas()).isEqualTo(3);
        assertThat(three.get(Deployment.class, ANALYSIS).getSpec().getReplicas()).isEqualTo(1);
        PodDisruptionBudget budget = three.get(PodDisruptionBudget.class, SERVER);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(three.get(Deployment.class, SERVER).getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(three.find(PodDisruptionBudget.class, ANALYSIS)).isEmpty();

        RenderedChart one = RenderedChart.render("server.replicaCount", "1");
        assertThat(one.all(PodDisruptionBudget.class)).extracting(b -> b.getMetadata().getName()).containsExactly(ANALYSIS);
    }

    @Test
    void exposesTheServerThroughAnIngressAndToPrometheusWhenAskedTo() {
        RenderedChart chart = RenderedChart.renderWith(Path.of("src", "test", "resources", "deploy", "values-ingress-monitoring.yaml"));
        Service service = chart.get(Service.class, SERVER);
        Ingress ingress = chart.get(Ingress.class, SERVER);
        ServiceMonitor monitor = chart.get(ServiceMonitor.class, SERVER);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).containsExactly("registry.test"));
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("registry.test");
            var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
            assertThat(backend.getName()).isEqualTo(SERVER);
            assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).contains(backend.getPort().getName());
        });
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(chart.get(Service.class, ANALYSIS).getMetadata().getLabels())
                .doesNotContainEntry("app.kubernetes.io/component", "server");
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
            assertThat(endpoint.getPort()).isEqualTo("http");
            assertThat(endpoint.getAuthorization().getCredentials().getName()).isEqualTo("prometheus-registry-token");
        });
        assertThat(value(container(chart.get(Deployment.class, SERVER)), "REGISTRY_RESOLVE_PUBLICURL")).isEqualTo("https://registry.test");
    }

    @Test
    void takesTheObjectStoresKeysFromASecretOrFromNowhere() {
        RenderedChart withKeys = RenderedChart.renderWith(Path.of("src", "test", "resources", "deploy", "values-s3-secret.yaml"));
        Container server = container(withKeys.get(Deployment.class, SERVER));

        assertThat(value(server, "REGISTRY_STORAGE_S3_BUCKET")).isEqualTo("connectors");
        assertThat(value(server, "REGISTRY_STORAGE_S3_ENDPOINT")).isEqualTo("http://minio.storage:9000");
        assertThat(value(server, "REGISTRY_STORAGE_S3_PATHSTYLE")).isEqualTo("true");
        assertThat(variable(server, "AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef().getName()).isEqualTo("minio-keys");
        assertThat(variable(server, "AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret");
        assertThat(variable(server, "REGISTRY_ANALYSIS_REMOTE_TOKEN").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("analysis-token");
        assertSecretsOnlyByReference(withKeys.get(Deployment.class, SERVER));
        assertEveryVariableIsASetting(withKeys.get(Deployment.class, SERVER));

        Container viaWebIdentity = container(RenderedChart.render().get(Deployment.class, SERVER));
        assertThat(viaWebIdentity.getEnv()).extracting(EnvVar::getName).noneMatch(name -> name.startsWith("AWS_"));
    }

    @Test
    void refusesToRenderWithoutABucket() {
        assertThatThrownBy(() -> RenderedChart.render("objectStore.s3.bucket", ""))
                .hasMessageContaining("objectStore.s3.bucket");
    }

    private static void assertLockedDown(Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).allSatisfy(c -> {
            var security = c.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getPrivileged()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            // A read-only root: everything the JVM writes goes to a mounted emptyDir.
            assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp");
        });
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    }

    private static void assertProbesAndResources(Deployment deployment) {
        Container container = container(deployment);
        assertThat(path(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
        assertThat(container.getPorts()).extracting(p -> p.getName()).contains(container.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(value(container, "JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    /** Nothing that looks like a credential is written into the manifest. */
    private static void assertSecretsOnlyByReference(Deployment deployment) {
        assertThat(container(deployment).getEnv())
                .filteredOn(e -> e.getName().matches(".*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|KEY_ID).*")
                        && !e.getName().equals("REGISTRY_AUTH_BOOTSTRAPTOKEN"))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.getValue()).as(e.getName()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull();
                });
    }

    private void assertEveryVariableIsASetting(Deployment deployment) {
        assertThat(container(deployment).getEnv()).extracting(EnvVar::getName)
                .allSatisfy(name -> assertThat(settings.isSetting(name)).as("%s names a setting", name).isTrue());
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static EnvVar variable(Container container, String name) {
        Optional<EnvVar> found = container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
        return found.orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static String value(Container container, String name) {
        return variable(container, name).getValue();
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }
}
