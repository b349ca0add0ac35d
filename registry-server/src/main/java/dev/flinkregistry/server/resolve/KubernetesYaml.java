package dev.flinkregistry.server.resolve;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * YAML as Kubernetes reads it. kubectl and the API server parse YAML 1.1 (go-yaml), where
 * {@code yes}, {@code on}, {@code n}, {@code ~} and timestamps are not strings; SnakeYAML Engine
 * writes YAML 1.2 and leaves them unquoted. A job id {@code on} in an annotation, or a lease's end
 * time, would then arrive as a boolean or a time, so such strings are quoted.
 */
final class KubernetesYaml {

    /** Plain scalars that YAML 1.1 reads as something other than a string (or that look like numbers or times). */
    private static final Pattern NOT_A_PLAIN_STRING = Pattern.compile(
            "(?i)|~|null|y|n|yes|no|on|off|true|false|[-+.0-9].*|.*[:#].*|.*\\s");

    /**
     * Characters a plain or block scalar would carry raw: control characters other than tab and
     * newline, and the line breaks of YAML 1.1 (U+0085, U+2028, U+2029), which a YAML 1.1 reader
     * takes as the end of a line, so a value could start new keys. Such strings are double-quoted,
     * where SnakeYAML writes them as escapes (without Unicode encoding it escapes every non-ASCII
     * character there, U+FEFF too, and quotes any string that has one).
     */
    private static final Pattern NOT_PRINTABLE = Pattern.compile(
            "[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF]");

    private static final DumpSettings SETTINGS = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSplitLines(false).setUseUnicodeEncoding(false).build();

    private KubernetesYaml() {}

    /** The document as YAML, without anchors and aliases (a value used twice is written twice). */
    static String dump(Object document) {
        return new Dump(SETTINGS, new Representer()).dumpToString(copy(document));
    }

    /**
     * A copy in which no map or list instance occurs twice: SnakeYAML writes a repeated instance
     * as an anchor and aliases, which some YAML readers (and people) do not follow.
     */
    private static Object copy(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, copy(item)));
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(KubernetesYaml::copy).collect(java.util.stream.Collectors.toList());
        }
        return value;
    }

    /** Strings as SnakeYAML writes them, single-quoted where YAML 1.1 would read something else, double-quoted with non-printable characters. */
    private static final class Representer extends StandardRepresenter {

        Representer() {
            super(SETTINGS);
            RepresentToNode standard = representers.get(String.class);
            representers.put(String.class, data -> {
                String text = (String) data;
                if (NOT_PRINTABLE.matcher(text).find()) {
                    return representScalar(Tag.STR, text, ScalarStyle.DOUBLE_QUOTED);
                }
                return NOT_A_PLAIN_STRING.matcher(text).matches() && text.indexOf('\n') < 0
                        ? representScalar(Tag.STR, text, ScalarStyle.SINGLE_QUOTED) : standard.representData(data);
            });
        }
    }
}
