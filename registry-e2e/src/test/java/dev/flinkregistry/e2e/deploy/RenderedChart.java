package dev.flinkregistry.e2e.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chart rendered by Helm itself ({@code helm template}, through helm-java's native Helm library)
 * and read into Kubernetes' object model, strictly: a field the API does not define (a typo, a field at
 * the wrong level) fails, where the model would otherwise keep it aside as an "additional property".
 */
record RenderedChart(List<HasMetadata> objects) {

    static final Path CHART = Path.of("..", "deploy", "helm", "flink-connector-registry").toAbsolutePath().normalize();
    static final String RELEASE = "fcr";

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "Secret", Secret.class,
            "ServiceAccount", ServiceAccount.class, "Ingress", Ingress.class, "NetworkPolicy", NetworkPolicy.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "ServiceMonitor", ServiceMonitor.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Jackson, without the model's catch-all for unknown fields. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return false;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
                    return JsonIgnoreProperties.Value.empty();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Renders the chart with {@code --set key=value} pairs (alternating keys and values). */
    static RenderedChart render(String... keysAndValues) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("registry");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            template.set(keysAndValues[i], keysAndValues[i + 1]);
        }
        return parse(template.call());
    }

    /** Renders the chart with a values file, as an operator would install it. */
    static RenderedChart renderWith(Path valuesFile) {
        return parse(new Helm(CHART).template().withName(RELEASE).withNamespace("registry").withValuesFile(valuesFile).call());
    }

    static RenderedChart parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String kind = document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new AssertionError("The chart renders a " + kind + ", which this test does not know: " + document);
                }
                HasMetadata object = STRICT.treeToValue(document, type);
                if (!HasMetadata.getApiVersion(type).equals(object.getApiVersion())) {
                    throw new AssertionError(kind + " " + object.getMetadata().getName() + " has apiVersion "
                            + object.getApiVersion() + ", not " + HasMetadata.getApiVersion(type));
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The chart rendered what Kubernetes would refuse", e);
        }
        return new RenderedChart(List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name
                + " among " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    /** The manifests as Helm printed them, for kubectl or a schema validator: one file per rendering. */
    static void write(String manifests, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
