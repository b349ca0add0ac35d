package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.EnumValue;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether Flink's configuration can convert a string to an option's type, as
 * {@code ConfigurationUtils.convertValue} does when a factory reads the option. Types it does not
 * know (and String) accept anything.
 */
final class ValueChecks {

    /** Why a value is refused, and the value to write instead when one is close. */
    record Refusal(String reason, String suggestion) {
        Refusal(String reason) {
            this(reason, null);
        }
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    /** The types Flink converts from a string form; it accepts anything for the others it knows (String). */
    private static final Set<String> SCALARS =
            Set.of("Integer", "Long", "Float", "Double", "Boolean", "Duration", "MemorySize", "Enum");

    private final FlinkUnits units;

    ValueChecks(FlinkUnits units) {
        this.units = units;
    }

    /** Why Flink refuses {@code value} for {@code option}, or empty when it accepts it. */
    Optional<Refusal> check(OptionReport option, String value) {
        String type = option.type() == null ? "" : option.type();
        if (type.startsWith("List<") && type.endsWith(">")) {
            return list(type.substring("List<".length(), type.length() - 1), option.enumValues(), value);
        }
        return scalar(type, option.enumValues(), value);
    }

    /** Accepted when either the YAML reading or the legacy {@code a;b} splitting yields convertible elements. */
    private Optional<Refusal> list(String element, List<EnumValue> enumValues, String value) {
        Optional<Refusal> legacy = legacyList(element, enumValues, value);
        Optional<List<?>> yaml = YamlSyntax.sequence(value);
        if (legacy.isEmpty() || yaml.isEmpty()) {
            return legacy;
        }
        for (Object item : yaml.get()) {
            Optional<Refusal> refusal = yamlElement(element, enumValues, item);
            if (refusal.isPresent()) {
                return Optional.of(new Refusal("list element " + describe(item) + ": " + refusal.get().reason()));
            }
        }
        return Optional.empty();
    }

    /**
     * Flink converts what YAML read, not the text: a Float only from a Double within Float's range,
     * a Map only from a mapping, a String from anything, other known types from the element's string
     * form. A nested list or map is no such scalar (its string form starts with a bracket), and a
     * null element fails every conversion.
     */
    private Optional<Refusal> yamlElement(String type, List<EnumValue> enumValues, Object item) {
        if (item == null) {
            return Optional.of(new Refusal("an empty element is null in YAML"));
        }
        if (type.equals("Map")) {
            return YamlSyntax.stringMap(item).isPresent() ? Optional.empty()
                    : Optional.of(new Refusal("a map element is written as {k: v}, with no empty key or value"));
        }
        if (!SCALARS.contains(type) || type.equals("Enum") && enumValues.isEmpty()) {
            return Optional.empty();
        }
        if (item instanceof List || item instanceof Map) {
            return Optional.of(new Refusal("a nested list or map is not a single " + type));
        }
        if (type.equals("Float") && item instanceof Double number && !fitsFloat(number)) {
            return Optional.of(new Refusal("'" + item + "' is outside the Float range"));
        }
        return scalar(type, enumValues, item.toString());
    }

    /** Flink's test when YAML hands it a Double for a Float: zero, or a finite value a Float can hold. */
    private static boolean fitsFloat(double value) {
        double magnitude = Math.abs(value);
        return value == 0.0 || magnitude >= Float.MIN_VALUE && magnitude <= Float.MAX_VALUE;
    }

    /** A nested collection is not spelled out: aliases can make its string form huge. */
    private static String describe(Object item) {
        return item instanceof List ? "(a nested list)" : item instanceof Map ? "(a nested map)" : "'" + item + "'";
    }

    private Optional<Refusal> legacyList(String element, List<EnumValue> enumValues, String value) {
        List<String> items;
        try {
            items = OptionSplitter.split(value, ';');
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal("a list is written as 'a;b;c' or '[a, b, c]': " + e.getMessage()));
        }
        for (String item : items) {
            // Flink 1 splits a map element the legacy way only; Flink 2 reads it as YAML first.
            Optional<Refusal> refusal = element.equals("Map") && !units.flink2() ? legacyMap(item)
                    : scalar(element, enumValues, item);
            if (refusal.isPresent()) {
                return Optional.of(new Refusal("list element '" + item + "': " + refusal.get().reason()));
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> scalar(String type, List<EnumValue> enumValues, String value) {
        return switch (type) {
            case "Integer" -> wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer");
            case "Long" -> wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE, "Long");
            case "Float", "Double" -> decimal(value);
            case "Boolean" -> bool(value);
            case "Duration" -> units.durationProblem(value).map(Refusal::new);
            case "MemorySize" -> units.memorySizeProblem(value).map(Refusal::new);
            case "Enum" -> enumeration(enumValues, value);
            case "Map" -> map(value);
            default -> Optional.empty();
        };
    }

    /** Flink parses with {@code Integer.parseInt} / {@code Long.parseLong}: no spaces, no fraction, no exponent. */
    private static Optional<Refusal> wholeNumber(String value, long min, long max, String type) {
        try {
            long parsed = Long.parseLong(value);
            return parsed >= min && parsed <= max ? Optional.empty() : Optional.of(outOfRange(value, min, max, type));
        } catch (NumberFormatException e) {
            if (!value.equals(value.strip()) && isWholeNumber(value.strip())) {
                return Optional.of(new Refusal("Flink does not trim spaces around a number", value.strip()));
            }
            return Optional.of(WHOLE_NUMBER.matcher(value).matches() ? outOfRange(value, min, max, type)
                    : new Refusal("'" + value + "' is not a whole number"));
        }
    }

    private static Refusal outOfRange(String value, long min, long max, String type) {
        return new Refusal("'" + value + "' is outside the " + type + " range " + min + " to " + max);
    }

    private static boolean isWholeNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<Refusal> decimal(String value) {
        try {
            Double.parseDouble(value);
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(new Refusal("'" + value + "' is not a number"));
        }
    }

    private static Optional<Refusal> bool(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? Optional.empty()
                : Optional.of(new Refusal("Flink accepts only true or false (in any case)",
                        KeySuggestions.closest(value.toLowerCase(Locale.ROOT), List.of("true", "false")).orElse(null)));
    }

    /** Flink compares the enum constants' string forms, ignoring case. */
    private static Optional<Refusal> enumeration(List<EnumValue> enumValues, String value) {
        List<String> allowed = enumValues.stream().map(EnumValue::value).toList();
        if (allowed.isEmpty() || allowed.stream().anyMatch(a -> a.toUpperCase(Locale.ROOT).equals(value.toUpperCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        return Optional.of(new Refusal("'" + value + "' is not one of " + String.join(", ", allowed)
                + " (case is ignored)", KeySuggestions.closest(value, allowed).orElse(null)));
    }

    /** Accepted when the YAML reading ({@code {k: v}}) or the legacy {@code k1:v1,k2:v2} splitting yields a map. */
    private static Optional<Refusal> map(String value) {
        Optional<Refusal> legacy = legacyMap(value);
        return legacy.isPresent() && YamlSyntax.mapping(value).isPresent() ? Optional.empty() : legacy;
    }

    private static Optional<Refusal> legacyMap(String value) {
        try {
            Set<String> keys = new HashSet<>();
            for (String entry : OptionSplitter.split(value, ',')) {
                List<String> pair = OptionSplitter.split(entry, ':');
                if (pair.size() != 2) {
                    return Optional.of(new Refusal("map entry '" + entry + "' is not a key:value pair; "
                            + "a map is written as 'k1:v1,k2:v2'"));
                }
                if (!keys.add(pair.get(0))) {
                    return Optional.of(new Refusal("map key '" + pair.get(0) + "' appears twice"));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal("a map is written as 'k1:v1,k2:v2': " + e.getMessage()));
        }
    }
}
