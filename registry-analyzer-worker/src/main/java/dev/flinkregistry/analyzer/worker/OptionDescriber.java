package dev.flinkregistry.analyzer.worker;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.util.TimeUtils;

/**
 * Describes a {@link ConfigOption} the way Flink's generated configuration docs do: its type as
 * {@code Duration} or {@code List<String>}, its default as {@code 5 min}, its description as text.
 */
final class OptionDescriber {

    static final int MAX_LEGACY_PROPERTIES = 500;

    private final Method getClazz;
    private final Method isList;

    OptionDescriber() {
        try {
            // Package-private in every Flink version; Flink's own docs generator reads them too.
            getClazz = ConfigOption.class.getDeclaredMethod("getClazz");
            isList = ConfigOption.class.getDeclaredMethod("isList");
            getClazz.setAccessible(true);
            isList.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Flink version's ConfigOption is not supported", e);
        }
    }

    /**
     * A legacy factory's supported properties as options: plain keys, no type, default or description
     * (the legacy API declares none); at most {@value #MAX_LEGACY_PROPERTIES}, sorted.
     */
    List<Map<String, Object>> describeLegacy(List<String> properties) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(properties)) {
            if (described.size() == MAX_LEGACY_PROPERTIES) {
                break;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", key);
            out.put("type", "String");
            out.put("defaultValue", null);
            out.put("description", "");
            out.put("required", false);
            out.put("forwarded", false);
            out.put("fallbackKeys", List.of());
            out.put("deprecatedKeys", List.of());
            out.put("enumValues", List.of());
            out.put("sensitive", GlobalConfiguration.isSensitive(key));
            described.add(out);
        }
        return described;
    }

    Map<String, Object> describe(ConfigOption<?> option, boolean required, boolean forwarded) {
        Class<?> clazz = clazzOf(option);
        boolean list = listOf(option);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", option.key());
        out.put("type", typeName(clazz, list));
        out.put("defaultValue", option.hasDefaultValue() ? render(option.defaultValue()) : null);
        out.put("description", text(option.description()));
        out.put("required", required);
        out.put("forwarded", forwarded);
        List<String> fallback = new ArrayList<>();
        List<String> deprecated = new ArrayList<>();
        for (FallbackKey key : option.fallbackKeys()) {
            (key.isDeprecated() ? deprecated : fallback).add(key.getKey());
        }
        out.put("fallbackKeys", fallback);
        out.put("deprecatedKeys", deprecated);
        out.put("enumValues", clazz.isEnum() ? enumValues(clazz) : List.of());
        out.put("sensitive", GlobalConfiguration.isSensitive(option.key()));
        return out;
    }

    private Class<?> clazzOf(ConfigOption<?> option) {
        try {
            return (Class<?>) getClazz.invoke(option);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean listOf(ConfigOption<?> option) {
        try {
            return (Boolean) isList.invoke(option);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String typeName(Class<?> clazz, boolean list) {
        String element = clazz.isEnum() ? "Enum" : clazz.getSimpleName();
        return list ? "List<" + element + ">" : element;
    }

    static String render(Object value) {
        if (value instanceof Collection<?> items) {
            StringJoiner joined = new StringJoiner(";");
            items.forEach(item -> joined.add(render(item)));
            return joined.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joined = new StringJoiner(",");
            map.forEach((k, v) -> joined.add(k + ":" + v));
            return joined.toString();
        }
        if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }
        return String.valueOf(value);
    }

    private static List<Map<String, Object>> enumValues(Class<?> enumClass) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Object constant : enumClass.getEnumConstants()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", constant.toString());
            value.put("description", constant instanceof DescribedEnum described
                    ? text(Description.builder().text("%s", described.getDescription()).build())
                    : null);
            values.add(value);
        }
        return values;
    }

    static String text(Description description) {
        return description == null ? "" : new PlainTextFormatter().format(description).strip();
    }
}
