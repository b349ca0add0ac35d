package dev.flinkregistry.server.validate;

import static dev.flinkregistry.server.validate.FactoryConventions.formatFamilies;
import static dev.flinkregistry.server.validate.FactoryConventions.formatPrefix;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the formats a table's options name ({@code 'format' = 'json'}, {@code 'key.format' = 'csv'})
 * as Flink's {@code TableFactoryHelper.discoverDecodingFormat}/{@code discoverEncodingFormat} do,
 * each with its options under the prefix Flink strips before handing them to the format.
 */
final class FormatDiscovery {

    /**
     * @param scopes one per format found, under its prefix
     * @param unresolvedPrefixes prefixes of format identifiers no factory has; their keys are not checked
     * @param problems an UNKNOWN_IDENTIFIER per format no factory has
     */
    record Formats(List<OptionScope> scopes, List<String> unresolvedPrefixes, List<ValidationProblem> problems) {}

    private FormatDiscovery() {}

    static Formats discover(FactoryReport connector, Map<String, String> options, FactoryLookup lookup) {
        List<OptionScope> scopes = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<ValidationProblem> problems = new ArrayList<>();
        List<String> families = formatFamilies(connector);
        for (OptionReport option : connector.options()) {
            Optional<Map.Entry<String, String>> set = FactoryConventions.isFormatOption(option)
                    ? FactoryConventions.valueOf(option, options) : Optional.empty();
            if (set.isEmpty()) {
                continue;
            }
            String identifier = set.get().getValue();
            String prefix = formatPrefix(option.key(), identifier);
            List<FactoryReport> found = find(lookup, families, identifier);
            if (!found.isEmpty()) {
                scopes.add(new OptionScope(prefix, "format '" + identifier + "'", optionsOf(found)));
            } else if (FactoryConventions.isConventionalFormatOption(option.key())) {
                unresolved.add(prefix);
                problems.add(ValidationProblem.error(ValidationCode.UNKNOWN_IDENTIFIER, set.get().getKey(),
                        "No format factory has the identifier '" + identifier + "' (searched "
                                + String.join(" and ", families) + ").", null));
            }
        }
        return new Formats(scopes, unresolved, problems);
    }

    private static List<FactoryReport> find(FactoryLookup lookup, List<String> families, String identifier) {
        return families.stream()
                .map(family -> lookup.find(family, identifier))
                .flatMap(Optional::stream)
                .filter(FactoryReport::loaded)
                .distinct()
                .toList();
    }

    /** A format with separate decoding and encoding factories accepts the options of both. */
    private static List<OptionReport> optionsOf(List<FactoryReport> factories) {
        Map<String, OptionReport> byKey = new LinkedHashMap<>();
        factories.forEach(factory -> factory.options().forEach(option -> byKey.putIfAbsent(option.key(), option)));
        return List.copyOf(byKey.values());
    }
}
