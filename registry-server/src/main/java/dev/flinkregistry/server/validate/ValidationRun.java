package dev.flinkregistry.server.validate;

import static dev.flinkregistry.server.validate.FactoryConventions.WATERMARK_ALIGNMENT_GROUP;
import static dev.flinkregistry.server.validate.FactoryConventions.WATERMARK_ALIGNMENT_MAX_DRIFT;
import static dev.flinkregistry.server.validate.FactoryConventions.WATERMARK_ALIGNMENT_UPDATE_INTERVAL;
import static dev.flinkregistry.server.validate.ValidationProblem.error;
import static dev.flinkregistry.server.validate.ValidationProblem.warning;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One validation of an option map against a factory that was found: every present key is
 * matched to a declared option (of the factory, of a format it names, or one Flink adds) and its
 * value checked; then the required options are looked for. Problems about present keys come in
 * key order, then the missing options.
 */
final class ValidationRun {

    private record Found(OptionScope scope, OptionScope.Match match) {}

    private final String family;
    private final String discoveryKey;
    private final String owner;
    private final Map<String, String> options;
    private final ValueChecks values;
    private final OptionScope root;
    private final FormatDiscovery.Formats formats;
    private final List<ValidationProblem> problems = new ArrayList<>();
    private int suggestionsLeft = 100;

    /** @param options without null values, sorted by key */
    ValidationRun(String family, FactoryReport factory, Map<String, String> options, FactoryLookup lookup,
                  ValueChecks values) {
        this.family = family;
        this.discoveryKey = FactoryConventions.discoveryKey(family);
        this.owner = (isTable() ? "connector '" : "catalog '") + factory.identifier() + "'";
        this.options = options;
        this.values = values;
        this.root = new OptionScope("", owner, FactoryConventions.withImplicitOptions(family, factory));
        this.formats = isTable() ? FormatDiscovery.discover(factory, options, lookup)
                : new FormatDiscovery.Formats(List.of(), List.of(), List.of());
    }

    List<ValidationProblem> problems() {
        problems.addAll(formats.problems());
        options.forEach(this::checkKey);
        checkRequired(root);
        formats.scopes().forEach(this::checkRequired);
        if (isTable()) {
            checkWatermarkAlignment();
        }
        return List.copyOf(problems);
    }

    private boolean isTable() {
        return FactoryConventions.TABLE_CONNECTOR.equals(family);
    }

    private void checkKey(String key, String value) {
        if (key.equals(discoveryKey)) {
            return;
        }
        Optional<Found> found = find(key);
        if (found.isPresent()) {
            checkValue(key, value, found.get());
        } else if (isTable() && key.startsWith(FactoryConventions.PROPERTIES_PREFIX)) {
            checkPassThrough(key);
        } else if (formats.unresolvedPrefixes().stream().noneMatch(key::startsWith)) {
            problems.add(unknownOption(key));
        }
    }

    private Optional<Found> find(String key) {
        return Stream.concat(Stream.of(root), formats.scopes().stream())
                .flatMap(scope -> scope.match(key).map(match -> new Found(scope, match)).stream())
                .findFirst();
    }

    private void checkValue(String key, String value, Found found) {
        OptionReport option = found.match().option();
        String current = found.scope().prefix() + option.key();
        if (found.match().deprecated()) {
            problems.add(warning(ValidationCode.DEPRECATED_KEY, key, "Option key '" + key + "' of " + found.scope().owner()
                    + " is deprecated: Flink still reads it, but use '" + current + "' instead.", current));
        }
        if (found.match().mapEntry()) {
            return;
        }
        values.check(option, value).ifPresent(refusal -> problems.add(invalidValue(key, option, found.scope(), refusal)));
    }

    /** The reason quotes the value, so it is left out for a sensitive option (a password). */
    private static ValidationProblem invalidValue(String key, OptionReport option, OptionScope scope,
                                                  ValueChecks.Refusal refusal) {
        String start = "Invalid value for option '" + key + "' (" + option.type() + ") of " + scope.owner();
        return option.sensitive()
                ? error(ValidationCode.INVALID_VALUE, key, start + "; the value is not shown as the option is sensitive.", null)
                : error(ValidationCode.INVALID_VALUE, key, start + ": " + refusal.reason() + ".", refusal.suggestion());
    }

    /** Connectors that declare {@code properties.*} options (Kafka) pass the others to their client. */
    private void checkPassThrough(String key) {
        boolean passesThrough = root.options().stream()
                .anyMatch(option -> option.key().startsWith(FactoryConventions.PROPERTIES_PREFIX));
        if (!passesThrough) {
            problems.add(warning(ValidationCode.UNKNOWN_OPTION, key, "Option '" + key + "' is not declared by "
                    + owner + ", which declares no 'properties.*' option: Flink accepts such keys only for "
                    + "connectors that pass them to their client (as Kafka does), and refuses them otherwise.", null));
        }
    }

    private ValidationProblem unknownOption(String key) {
        OptionScope scope = formats.scopes().stream().filter(s -> key.startsWith(s.prefix())).findFirst().orElse(root);
        List<String> candidates = Stream.concat(Stream.of(root), formats.scopes().stream())
                .flatMap(s -> s.suggestionKeys(key).stream())
                .toList();
        // Suggestions cost an edit distance per declared key: a map of thousands of unknown keys gets the first ones.
        String suggestion = suggestionsLeft-- > 0 ? KeySuggestions.closest(key, candidates).orElse(null) : null;
        String declares = scope == root ? "" : " (read from keys starting with '" + scope.prefix() + "')";
        return error(ValidationCode.UNKNOWN_OPTION, key, "Unsupported option '" + key + "': " + scope.owner()
                + declares + " does not declare it." + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?"),
                suggestion);
    }

    private void checkRequired(OptionScope scope) {
        for (OptionReport option : scope.missingRequired(options.keySet())) {
            String key = scope.prefix() + option.key();
            List<String> others = option.fallbackKeys().stream().map(k -> "'" + scope.prefix() + k + "'").toList();
            problems.add(error(ValidationCode.MISSING_REQUIRED_OPTION, key, capitalized(scope.owner())
                    + " requires option '" + key + "'" + (others.isEmpty() ? "" : " (or " + String.join(", ", others) + ")")
                    + ", which has no default.", null));
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Flink's {@code checkWatermarkOptions}: any alignment option needs both the group and the max drift. */
    private void checkWatermarkAlignment() {
        boolean aligning = Stream.of(WATERMARK_ALIGNMENT_GROUP, WATERMARK_ALIGNMENT_MAX_DRIFT,
                WATERMARK_ALIGNMENT_UPDATE_INTERVAL).anyMatch(options::containsKey);
        if (!aligning) {
            return;
        }
        Stream.of(WATERMARK_ALIGNMENT_GROUP, WATERMARK_ALIGNMENT_MAX_DRIFT)
                .filter(key -> !options.containsKey(key))
                .forEach(key -> problems.add(error(ValidationCode.MISSING_REQUIRED_OPTION, key,
                        "'" + WATERMARK_ALIGNMENT_GROUP + "' and '" + WATERMARK_ALIGNMENT_MAX_DRIFT
                                + "' must both be set when configuring watermark alignment.", null)));
    }
}
