package dev.flinkregistry.server.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.EnumValue;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link ValueChecks} against Flink 1.20 itself: every value of a generated corpus (YAML
 * flow and block sequences and mappings, legacy {@code a;b} and {@code k:v,k2:v2} forms, typed
 * and quoted elements, nulls, nesting, aliases, tags, comments, broken quoting) is set as a string
 * in a standard-YAML {@code Configuration}, read back as each option type, and must be accepted
 * by the server exactly when Flink converts it.
 */
class ValueChecksDifferentialTest {

    /** Stands in for any enum option; Flink compares constants' string forms ignoring case. */
    enum LineEnding { LF, CRLF }

    private static final ValueChecks CHECKS = new ValueChecks(new FlinkUnits(false));

    private static final List<String> ELEMENTS = List.of("1", "-7", "+5", "0x1F", "0o17", "010", "1_000",
            "2147483648", "9223372036854775807", "9223372036854775808", "1.5", ".5", "1e3", "1e39", "1e-50", "-1e-50",
            ".inf", "-.inf", ".nan", "0.0", "true", "True", "TRUE", "tRuE", "yes", "false", "null", "~", "", "''",
            "'1'", "\"1\"", "'it''s'", "\"a\\tb\"", "\"\\x41\"", "abc", "lf", "CRLF", "crlf ", "10 s", "10s", "1 min",
            "PT10S", "64 kb", "1mb", "1.5mb", "[1]", "[]", "{}", "{k: v}", "{k: 1, j: true}", "{k: }", "{1: a, '1': b}",
            "{k: [1, 2]}", "!!str 5", "!!int '5'", "!!float 1", "&a 1", "*a", "a;b", "a:b", "'a;b'", "'unclosed",
            "x, y", "- 1");

    private static final List<Type> TYPES = List.of(
            new Type("Integer", ConfigOptions.key("k").intType().noDefaultValue()),
            new Type("Long", ConfigOptions.key("k").longType().noDefaultValue()),
            new Type("Float", ConfigOptions.key("k").floatType().noDefaultValue()),
            new Type("Double", ConfigOptions.key("k").doubleType().noDefaultValue()),
            new Type("Boolean", ConfigOptions.key("k").booleanType().noDefaultValue()),
            new Type("Duration", ConfigOptions.key("k").durationType().noDefaultValue()),
            new Type("MemorySize", ConfigOptions.key("k").memoryType().noDefaultValue()),
            new Type("Enum", ConfigOptions.key("k").enumType(LineEnding.class).noDefaultValue()),
            new Type("Map", ConfigOptions.key("k").mapType().noDefaultValue()),
            new Type("String", ConfigOptions.key("k").stringType().noDefaultValue()),
            new Type("List<Integer>", ConfigOptions.key("k").intType().asList().noDefaultValue()),
            new Type("List<Long>", ConfigOptions.key("k").longType().asList().noDefaultValue()),
            new Type("List<Float>", ConfigOptions.key("k").floatType().asList().noDefaultValue()),
            new Type("List<Double>", ConfigOptions.key("k").doubleType().asList().noDefaultValue()),
            new Type("List<Boolean>", ConfigOptions.key("k").booleanType().asList().noDefaultValue()),
            new Type("List<Duration>", ConfigOptions.key("k").durationType().asList().noDefaultValue()),
            new Type("List<MemorySize>", ConfigOptions.key("k").memoryType().asList().noDefaultValue()),
            new Type("List<Enum>", ConfigOptions.key("k").enumType(LineEnding.class).asList().noDefaultValue()),
            new Type("List<Map>", ConfigOptions.key("k").mapType().asList().noDefaultValue()),
            new Type("List<String>", ConfigOptions.key("k").stringType().asList().noDefaultValue()));

    private record Type(String name, ConfigOption<?> option) {}

    @Test
    void acceptsExactlyTheValuesFlinkConverts() {
        List<String> corpus = corpus();
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (Type type : TYPES) {
            OptionReport option = new OptionReport("k", type.name(), null, "", false, false, null, null,
                    Arrays.stream(LineEnding.values()).map(e -> new EnumValue(e.name(), null)).toList(), false);
            for (String value : corpus) {
                boolean flink = flinkConverts(type.option(), value);
                boolean server = CHECKS.check(option, value).isEmpty();
                accepted += flink ? 1 : 0;
                if (flink != server) {
                    disagreements.add(type.name() + " '" + value.replace("\n", "\\n") + "': Flink "
                            + (flink ? "accepts" : "refuses") + ", server " + (server ? "accepts" : "refuses"));
                }
            }
        }

        assertThat(corpus).hasSizeGreaterThan(2_000);
        assertThat(accepted).as("values Flink accepts").isBetween(corpus.size(), corpus.size() * (TYPES.size() - 1));
        assertThat(disagreements).as("%d disagreements", disagreements.size()).isEmpty();
    }

    private static boolean flinkConverts(ConfigOption<?> option, String value) {
        Configuration configuration = new Configuration(true);
        configuration.setString(option.key(), value);
        try {
            configuration.getOptional(option);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /** Hand-picked values, then each element alone and in random flow, block and legacy lists and maps. */
    private static List<String> corpus() {
        Set<String> values = new LinkedHashSet<>(List.of("", " ", "[]", "[ ]", "[,]", "[1,]", "[1,,2]", "[1, 2",
                "[1, 2]]", "[1, 2] # two", "# only a comment", "- 1\n- 2", "- 1\n-", "-", "- [1, 2]\n- 3",
                "&a [*a]", "&a [1, *a]", "[&x 1, *x]", "{k: v}", "{k: v, k: w}", "k: v\nj: w", "k: v\n  j: w",
                "{a: b", "a: b: c", "? a\n: b", "{? [a, b] : c}", "{~: a}", "{a: ~}", "--- [1]\n--- [2]", "!!set {a, b}",
                "!!binary aGk=", "!foo 1", "k1:v1,k2:v2", "k1:v1,k2", "k:v,k:w", "'k:1':v", "'a;b';c", "'a", "a;;b",
                "a;", ";a", "\"a\"\"b\";c", "{k: v}; {j: w}", "[{k: v}, {j: w}]", "[{k: v}, 3]", "[[1, 2], [3]]"));
        Random random = new Random(20_240_920L);
        for (String element : ELEMENTS) {
            values.add(element);
            values.add("[" + element + "]");
            values.add("- " + element);
        }
        List<Function<List<String>, String>> shapes = List.of(
                items -> "[" + String.join(", ", items) + "]",
                items -> "[" + String.join(",", items) + (random.nextBoolean() ? ",]" : "]"),
                items -> String.join("\n", items.stream().map(i -> "- " + i).toList()),
                items -> String.join(";", items),
                items -> "{" + String.join(", ", pairs(items)) + "}",
                items -> String.join("\n", pairs(items)),
                items -> String.join(",", items.stream().map(i -> "k" + items.indexOf(i) + ":" + i).toList()));
        while (values.size() < 3_000) {
            List<String> items = new ArrayList<>();
            for (int n = random.nextInt(4); n >= 0; n--) {
                items.add(ELEMENTS.get(random.nextInt(ELEMENTS.size())));
            }
            values.add(shapes.get(random.nextInt(shapes.size())).apply(items));
        }
        return List.copyOf(values);
    }

    private static List<String> pairs(List<String> items) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            pairs.add("k" + i + ": " + items.get(i));
        }
        return pairs;
    }
}
