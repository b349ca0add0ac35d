package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.OptionReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The options one factory declares, under the key prefix Flink gives them: none for the
 * connector or catalog itself, {@code json.} or {@code value.json.} for a format. A key matches
 * an option by its key, a fallback or deprecated key, a template ({@code fields.#.kind} for
 * {@code fields.id.kind}) or, for a Map option {@code m}, as one entry {@code m.k} of the map.
 */
final class OptionScope {

    /** How a key matched: through a deprecated key, and as a single Map entry (whose value is any string). */
    record Match(OptionReport option, boolean deprecated, boolean mapEntry) {}

    private record Template(Pattern pattern, Match match) {}

    private final String prefix;
    private final String owner;
    private final List<OptionReport> options;
    private final Map<String, Match> exact = new HashMap<>();
    private final List<Template> templates = new ArrayList<>();

    /**
     * @param prefix prepended to every declared key, e.g. {@code value.json.}
     * @param owner how messages name the factory, e.g. {@code format 'json'}
     * @param options the declared options; the first declaration of a key wins
     */
    OptionScope(String prefix, String owner, List<OptionReport> options) {
        this.prefix = prefix;
        this.owner = owner;
        this.options = List.copyOf(options);
        for (OptionReport option : options) {
            declare(option.key(), new Match(option, false, false));
            option.fallbackKeys().forEach(key -> declare(key, new Match(option, false, false)));
            option.deprecatedKeys().forEach(key -> declare(key, new Match(option, true, false)));
        }
    }

    String prefix() {
        return prefix;
    }

    String owner() {
        return owner;
    }

    List<OptionReport> options() {
        return options;
    }

    private void declare(String key, Match match) {
        if (key.contains(FactoryConventions.PLACEHOLDER)) {
            templates.add(new Template(template(key), match));
        } else {
            exact.putIfAbsent(key, match);
        }
    }

    /** {@code #} stands for a column name, which may itself contain dots. */
    private static Pattern template(String key) {
        StringBuilder regex = new StringBuilder();
        String[] parts = key.split(Pattern.quote(FactoryConventions.PLACEHOLDER), -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".+").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** The option a full key (prefix included) names in this scope. */
    Optional<Match> match(String fullKey) {
        if (!fullKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String key = fullKey.substring(prefix.length());
        Match match = exact.get(key);
        if (match != null) {
            return Optional.of(match);
        }
        for (Template template : templates) {
            if (template.pattern().matcher(key).matches()) {
                return Optional.of(template.match());
            }
        }
        return mapEntry(key);
    }

    /** Flink also reads a Map option {@code m} from keys {@code m.k1}, {@code m.k2}, … (a prefix map). */
    private Optional<Match> mapEntry(String key) {
        for (OptionReport option : options) {
            if ("Map".equals(option.type())) {
                Optional<String> declared = keysOf(option)
                        .filter(k -> key.length() > k.length() + 1 && key.startsWith(k + "."))
                        .findFirst();
                if (declared.isPresent()) {
                    return Optional.of(new Match(option, option.deprecatedKeys().contains(declared.get()), true));
                }
            }
        }
        return Optional.empty();
    }

    /** Required options without a default that none of the present keys (prefix included) sets. */
    List<OptionReport> missingRequired(Set<String> presentKeys) {
        return options.stream()
                .filter(option -> option.required() && option.defaultValue() == null)
                // Flink ignores templated options here: they never appear under their template key.
                .filter(option -> keysOf(option).noneMatch(k -> k.contains(FactoryConventions.PLACEHOLDER)))
                .filter(option -> keysOf(option).noneMatch(k -> isSet(option, prefix + k, presentKeys)))
                .toList();
    }

    private static boolean isSet(OptionReport option, String key, Set<String> presentKeys) {
        return presentKeys.contains(key)
                || "Map".equals(option.type()) && presentKeys.stream().anyMatch(p -> p.startsWith(key + "."));
    }

    /** The keys to suggest for a mistyped key: declared keys with the prefix, templates filled from it. */
    List<String> suggestionKeys(String typed) {
        return options.stream()
                .flatMap(option -> Stream.concat(Stream.of(option.key()), option.fallbackKeys().stream()))
                .map(key -> fill(prefix + key, typed))
                .toList();
    }

    /** {@code fields.#.kind} for typed {@code fields.id.knd} becomes {@code fields.id.kind}. */
    private static String fill(String fullKey, String typed) {
        if (!fullKey.contains(FactoryConventions.PLACEHOLDER)) {
            return fullKey;
        }
        String[] pattern = fullKey.split("\\.", -1);
        String[] words = typed.split("\\.", -1);
        if (pattern.length != words.length) {
            return fullKey;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals(FactoryConventions.PLACEHOLDER)) {
                pattern[i] = words[i];
            }
        }
        return String.join(".", pattern);
    }

    private static Stream<String> keysOf(OptionReport option) {
        return Stream.of(Stream.of(option.key()), option.fallbackKeys().stream(), option.deprecatedKeys().stream())
                .flatMap(s -> s);
    }
}
