package dev.flinkregistry.e2e;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading what fcr k8s prints: YAML documents, pod templates in Kubernetes' typed model, merge patches. */
final class OperatorYaml {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Jackson without fabric8's catch-all for unknown fields, so a misplaced field fails. */
    static final ObjectMapper STRICT = JsonMapper.builder()
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

    private OperatorYaml() {}

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var all = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (all.hasNext()) {
                documents.add(all.next());
            }
        }
        return documents;
    }

    /** The only document; fails when there are more or none. */
    static JsonNode single(String yaml) throws IOException {
        List<JsonNode> documents = documents(yaml);
        if (documents.size() != 1) {
            throw new AssertionError("Expected one YAML document, got " + documents.size() + ":\n" + yaml);
        }
        return documents.get(0);
    }

    /** The resource's pod template, read strictly into Kubernetes' typed model. */
    static PodTemplateSpec podTemplate(JsonNode resource) throws IOException {
        JsonNode template = resource.at("/spec/podTemplate").deepCopy();
        ((ObjectNode) template).remove(List.of("apiVersion", "kind"));
        return STRICT.treeToValue(template, PodTemplateSpec.class);
    }

    /** RFC 7386 JSON merge patch, as {@code kubectl patch --type merge} applies it. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : YAML.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
