package dev.flinkregistry.server.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI document (the YAML contract, or springdoc's JSON) read as a tree. Operations are
 * keyed as {@code "GET /api/v1/workspaces/{*}"}: path variables lose their names and regex
 * constraints, so {@code {sha256:[0-9a-f]{64}}} and {@code {sha256}} compare equal.
 */
final class OpenApiDocument {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Parses YAML with SnakeYAML (Jackson 3 has no YAML module on this classpath); duplicate keys are errors. */
    static OpenApiDocument fromYaml(byte[] yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object tree = new Yaml(new SafeConstructor(options)).load(new String(yaml, StandardCharsets.UTF_8));
        return new OpenApiDocument(JSON.valueToTree(tree));
    }

    static OpenApiDocument fromJson(JsonNode json) {
        return new OpenApiDocument(json);
    }

    JsonNode root() {
        return root;
    }

    /** {@code /api/v1/workspaces/{workspace}/jars/{sha256:[0-9a-f]{64}}} → {@code /api/v1/workspaces/{*}/jars/{*}}. */
    static String normalise(String path) {
        StringBuilder normalised = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    normalised.append("{*}");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                normalised.append(c);
            }
        }
        return normalised.toString();
    }

    /** Every operation under the prefix, as {@code "METHOD /normalised/path"}. */
    Set<String> operations(String prefix) {
        Set<String> operations = new TreeSet<>();
        root.path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith(prefix)) {
                for (String method : METHODS) {
                    if (path.getValue().has(method)) {
                        operations.add(key(method, path.getKey()));
                    }
                }
            }
        });
        return operations;
    }

    static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + normalise(path);
    }

    /** The operation object for a key from {@link #operations(String)}. */
    JsonNode operation(String key) {
        String method = key.substring(0, key.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
        String normalised = key.substring(key.indexOf(' ') + 1);
        return root.path("paths").properties().stream()
                .filter(path -> normalise(path.getKey()).equals(normalised))
                .map(path -> path.getValue().path(method))
                .filter(JsonNode::isObject)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No operation " + key));
    }

    /** The response keys of an operation: {@code "200"}, {@code "404"}, {@code "default"}. */
    Set<String> statuses(String key) {
        return new TreeSet<>(operation(key).path("responses").propertyNames());
    }

    /** The operation whose path template matches a concrete request path (query string ignored). */
    Optional<String> operationFor(String method, String requestPath) {
        String path = requestPath.contains("?") ? requestPath.substring(0, requestPath.indexOf('?')) : requestPath;
        return operations("/").stream()
                .filter(key -> key.startsWith(method + " "))
                .filter(key -> Pattern.matches(
                        Pattern.quote(key.substring(key.indexOf(' ') + 1)).replace("{*}", "\\E[^/]+\\Q"), path))
                .findFirst();
    }

    /** The variable names in the operation's path template, e.g. {@code [name, workspace]}. */
    Set<String> templateVariables(String key) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Matcher variable = Pattern.compile("\\{([^}:]+)[^}]*}").matcher(template(key));
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    /** The names of the path parameters the operation declares, on its path item or on itself. */
    Set<String> pathParameters(String key) {
        Set<String> names = new TreeSet<>();
        JsonNode item = root.path("paths").path(template(key));
        java.util.stream.Stream.concat(item.path("parameters").values().stream(),
                        operation(key).path("parameters").values().stream())
                .map(this::resolve).filter(parameter -> parameter.path("in").asString().equals("path"))
                .forEach(parameter -> names.add(parameter.path("name").asString()));
        return names;
    }

    private String template(String key) {
        String normalised = key.substring(key.indexOf(' ') + 1);
        return root.path("paths").propertyNames().stream().filter(path -> normalise(path).equals(normalised))
                .findFirst().orElseThrow(() -> new AssertionError("No path " + normalised));
    }

    /** Every {@code $ref} value anywhere in the document. */
    List<String> refs() {
        List<String> refs = new ArrayList<>();
        collectRefs(root, refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isString()) {
            refs.add(node.path("$ref").stringValue());
        }
        if (node.isContainer()) {
            node.values().forEach(child -> collectRefs(child, refs));
        }
    }

    /** What a local reference ({@code #/components/...}) points at; missing when it points at nothing. */
    JsonNode target(String ref) {
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : tools.jackson.databind.node.MissingNode.getInstance();
    }

    /** The node itself, or what its {@code $ref} points at. */
    JsonNode resolve(JsonNode node) {
        return node.path("$ref").isString() ? target(node.path("$ref").stringValue()) : node;
    }

    Set<String> schemaNames() {
        return new TreeSet<>(root.path("components").path("schemas").propertyNames());
    }

    Set<String> properties(String schema) {
        return new TreeSet<>(root.path("components").path("schemas").path(schema).path("properties").propertyNames());
    }

    Set<String> enumOf(String schema, String property) {
        JsonNode node = root.path("components").path("schemas").path(schema);
        if (property != null) {
            node = node.path("properties").path(property);
        }
        return strings(resolve(node).path("enum").values());
    }

    static Set<String> strings(Collection<JsonNode> nodes) {
        Set<String> strings = new LinkedHashSet<>();
        nodes.forEach(node -> strings.add(node.asString()));
        return strings;
    }
}
