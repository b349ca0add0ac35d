package dev.flinkregistry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CustomResourceDefinition's {@code openAPIV3Schema}, as the API server checks a resource against
 * it before admitting it: types (with {@code x-kubernetes-int-or-string}), {@code required},
 * {@code properties} with unknown fields refused (structural schemas prune them; here they are
 * errors, so a typo cannot pass) unless {@code additionalProperties} or
 * {@code x-kubernetes-preserve-unknown-fields} allows them, {@code items}, {@code enum} and
 * {@code nullable}. Read from the CRD files the Flink Kubernetes Operator ships in its API JAR.
 */
final class CrdSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String kind;
    private final String apiVersion;
    private final JsonNode schema;

    private CrdSchema(String kind, String apiVersion, JsonNode schema) {
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.schema = schema;
    }

    /** The CRD in the class path resource, e.g. {@code META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml}. */
    static CrdSchema fromClassPath(String resource) {
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path");
            }
            JsonNode crd = YAML.readTree(in);
            JsonNode version = crd.path("spec").path("versions").get(0);
            return new CrdSchema(crd.path("spec").path("names").path("kind").asText(),
                    crd.path("spec").path("group").asText() + "/" + version.path("name").asText(),
                    version.path("schema").path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String kind() {
        return kind;
    }

    /** What the API server would refuse in this resource; empty when it is valid. */
    List<String> errors(JsonNode resource) {
        List<String> errors = new ArrayList<>();
        if (!kind.equals(resource.path("kind").asText())) {
            errors.add("kind is " + resource.path("kind") + ", not " + kind);
        }
        if (!apiVersion.equals(resource.path("apiVersion").asText())) {
            errors.add("apiVersion is " + resource.path("apiVersion") + ", not " + apiVersion);
        }
        // metadata is the API server's ObjectMeta, which CRD schemas leave to it.
        JsonNode metadata = resource.path("metadata");
        if (!metadata.path("name").isTextual() || metadata.path("name").asText().isEmpty()) {
            errors.add("metadata.name is missing");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                check(field.getValue(), schema.path("properties").path(field.getKey()), field.getKey(), errors,
                        schema.path("properties").has(field.getKey()));
            }
        }
        return errors;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> errors, boolean known) {
        if (!known) {
            errors.add(path + ": unknown field");
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(path + ": null is not allowed");
            }
            return;
        }
        if (!typeMatches(value, schema)) {
            errors.add(path + ": expected " + (schema.path("x-kubernetes-int-or-string").asBoolean(false)
                    ? "int-or-string" : schema.path("type").asText()) + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, path, errors);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", errors, true);
            }
        }
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path, List<String> errors) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + "." + required.asText() + ": required");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), child, errors, true);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, child, errors, true);
            } else if (!preserve && !additional.asBoolean(false)) {
                errors.add(child + ": unknown field");
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isTextual() || value.isIntegralNumber();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }
}
