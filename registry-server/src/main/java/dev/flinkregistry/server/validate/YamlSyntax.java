package dev.flinkregistry.server.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Since Flink 1.19 a List or Map value is first read as YAML ({@code [1, 2]}, {@code - a},
 * {@code {k: v}}) and only then split the legacy way ({@code 1;2}, {@code k:v}). Flink 1.20 and 2.x
 * read it with SnakeYAML Engine and its Core schema ({@code YamlParserUtils}); this uses the same
 * library, version and settings, so what is YAML, and which elements are numbers, booleans or
 * nulls, is Flink's answer rather than a guess.
 */
final class YamlSyntax {

    private static final LoadSettings LOAD = LoadSettings.builder().setSchema(new CoreSchema()).build();
    private static final DumpSettings FLOW = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.FLOW)
            .setSplitLines(false).setSchema(new CoreSchema()).build();

    private YamlSyntax() {}

    /**
     * The YAML sequence the value is, or empty when it is none. Its elements are what YAML read:
     * Integer, Long, BigInteger, Double, Boolean, String, null, List or Map.
     */
    static Optional<List<?>> sequence(String value) {
        return load(value).filter(List.class::isInstance).map(List.class::cast);
    }

    /** The map of strings Flink makes of the value read as a YAML mapping, or empty when it cannot. */
    static Optional<Map<String, String>> mapping(String value) {
        return load(value).flatMap(YamlSyntax::stringMap);
    }

    /**
     * The map of strings Flink makes of a YAML mapping ({@code ConfigurationUtils.convertToStringMap}):
     * empty when it is no mapping, has a null key or value, or two keys that read as the same string.
     */
    static Optional<Map<String, String>> stringMap(Object yaml) {
        if (!(yaml instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, String> strings = new HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null
                    || strings.put(text(entry.getKey()), text(entry.getValue())) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(strings);
    }

    /** A string as it is; anything else as the one-line YAML Flink writes for it. */
    private static String text(Object yaml) {
        if (yaml instanceof String string) {
            return string;
        }
        String dumped = new Dump(FLOW).dumpToString(yaml);
        String lineBreak = FLOW.getBestLineBreak();
        return dumped.endsWith(lineBreak) ? dumped.substring(0, dumped.length() - lineBreak.length()) : dumped;
    }

    /**
     * The document, or empty when the value is no YAML, is empty, or contains itself through an
     * alias ({@code &a [*a]}), whose string form Flink cannot write either. Nesting deep enough to
     * exhaust the stack fails Flink's reading with an error, and counts as no YAML here.
     */
    private static Optional<Object> load(String value) {
        try {
            // A Load keeps state while it builds a document: one per value.
            Object document = new Load(LOAD).loadFromString(value);
            return refersToItself(document, identities(), identities())
                    ? Optional.empty() : Optional.ofNullable(document);
        } catch (RuntimeException | StackOverflowError notYaml) {
            return Optional.empty();
        }
    }

    /** Depth first; {@code done} holds collections already seen to be free of cycles, as aliases share them. */
    private static boolean refersToItself(Object node, Set<Object> enclosing, Set<Object> done) {
        List<Object> children = new ArrayList<>();
        if (node instanceof List<?> list) {
            children.addAll(list);
        } else if (node instanceof Map<?, ?> map) {
            children.addAll(map.keySet());
            children.addAll(map.values());
        }
        if (children.isEmpty() || done.contains(node)) {
            return false;
        }
        if (!enclosing.add(node)) {
            return true;
        }
        for (Object child : children) {
            if (refersToItself(child, enclosing, done)) {
                return true;
            }
        }
        enclosing.remove(node);
        done.add(node);
        return false;
    }

    private static Set<Object> identities() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
