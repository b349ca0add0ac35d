package dev.flinkregistry.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables that name a real setting, so that a deployment's misspelt one (which Spring
 * would silently ignore) fails a test: every key of the server's application.yml, every property of the
 * README's configuration table, and the settings agreed for the production deployment, each in Spring's
 * relaxed forms (registry.storage.data-dir is REGISTRY_STORAGE_DATADIR or, Spring's legacy form,
 * REGISTRY_STORAGE_DATA_DIR; list items end in _0, _1, ...).
 */
final class RegistrySettings {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Agreed for issue 13 (object store, remote analysis); kept here until application.yml or README lists them. */
    private static final Set<String> AGREED = Set.of(
            "registry.storage.s3.bucket", "registry.storage.s3.endpoint", "registry.storage.s3.region",
            "registry.storage.s3.path-style", "registry.storage.s3.prefix", "registry.storage.s3.server-side-encryption",
            "registry.storage.s3.kms-key-id", "registry.storage.s3.presigned-downloads",
            "registry.storage.s3.presign-duration", "registry.analysis.remote.url", "registry.analysis.remote.token",
            "registry.analysis.work-dir");

    /** Read by the JVM or the AWS SDK's default credentials chain, not by the registry. */
    private static final Set<String> NOT_THE_REGISTRYS = Set.of(
            "JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    private static final Pattern LIST_ITEM = Pattern.compile("(_\\d+)(_[A-Z]+)?$");
    private static final Pattern README_PROPERTY = Pattern.compile("`([a-z][a-z0-9.-]*[a-z0-9])(\\[i])?[^`]*`");
    private static final Pattern README_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    private final Set<String> variables;

    private RegistrySettings(Set<String> variables) {
        this.variables = variables;
    }

    static RegistrySettings read() throws IOException {
        Set<String> variables = new TreeSet<>(NOT_THE_REGISTRYS);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path resources = ROOT.resolve("registry-server/src/main/resources");
        for (String file : new String[] {"application.yml", "application-postgres.yml"}) {
            collect(yaml.readTree(resources.resolve(file).toFile()), "", variables);
        }
        AGREED.forEach(property -> variables.addAll(variables(property)));
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### Configuration");
        // The table of renamed settings that follows lists names that are no longer read.
        String table = readme.substring(start, readme.indexOf("Settings renamed", start));
        for (String row : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            String name = row.split("\\|")[1];
            Matcher property = README_PROPERTY.matcher(name);
            while (property.find()) {
                variables.addAll(variables(property.group(1)));
            }
            Matcher variable = README_VARIABLE.matcher(name);
            while (variable.find()) {
                variables.add(variable.group(1));
            }
        }
        return new RegistrySettings(variables);
    }

    /** Whether an environment variable sets a real setting (a list item's index removed). */
    boolean isSetting(String variable) {
        return variables.contains(variable) || variables.contains(LIST_ITEM.matcher(variable).replaceFirst(""));
    }

    Set<String> variables() {
        return variables;
    }

    /** The environment variables Spring binds to a property: dashes dropped, or (legacy) made underscores. */
    static Set<String> variables(String property) {
        String upper = property.replace('.', '_').toUpperCase(Locale.ROOT);
        return new TreeSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    private static void collect(JsonNode node, String prefix, Set<String> variables) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), variables);
            }
        } else if (!prefix.isEmpty()) {
            variables.addAll(variables(prefix));
        }
    }
}
