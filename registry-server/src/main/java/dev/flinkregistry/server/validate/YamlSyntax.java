package dev.flinkregistry.server.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Since Flink 1.19 a List or Map value is first read as YAML ({@code [1, 2]}, {@code - a},
 * {@code {k: v}}) and only then split the legacy way ({@code 1;2}, {@code k:v}). This reads the
 * simple YAML sequences (flow or block, of plain or quoted scalars) whose elements can be checked;
 * anything more elaborate is left to Flink rather than guessed at.
 */
final class YamlSyntax {

    /**
     * A YAML sequence found in a value.
     *
     * @param items its elements, unquoted
     * @param checkable false when it nests collections or uses syntax not read here
     */
    record Sequence(List<String> items, boolean checkable) {}

    private static final Pattern BLOCK_ENTRY = Pattern.compile("\\s*[^\\s:#'\"\\[\\]{},-][^:]*:\\s+\\S.*");

    private static final Sequence UNCHECKABLE = new Sequence(List.of(), false);

    private YamlSyntax() {}

    /**
     * The YAML sequence the value is, or empty when it is none (a plain string) or has an empty
     * (null) element, which Flink cannot convert either.
     */
    static Optional<Sequence> sequence(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            return flow(trimmed.substring(1, trimmed.length() - 1));
        }
        if (trimmed.startsWith("- ") || trimmed.equals("-")) {
            return block(trimmed);
        }
        return Optional.empty();
    }

    /** Whether the value may be a YAML mapping Flink reads: {@code {k: v}}, or lines of {@code k: v}. */
    static boolean mayBeMapping(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            return trimmed.equals("{}") || trimmed.contains(": ");
        }
        return !trimmed.isEmpty() && trimmed.lines().filter(line -> !line.isBlank())
                .allMatch(line -> BLOCK_ENTRY.matcher(line).matches());
    }

    private static Optional<Sequence> flow(String body) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote == 0 && (c == '[' || c == '{')) {
                return Optional.of(UNCHECKABLE);
            }
            if (quote == 0 && c == ',') {
                items.add(item.toString());
                item.setLength(0);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = quote == 0 ? c : quote == c ? 0 : quote;
            }
            item.append(c);
        }
        if (quote != 0) {
            return Optional.of(UNCHECKABLE);
        }
        // YAML allows one trailing comma: [a, b,]
        if (!item.toString().isBlank()) {
            items.add(item.toString());
        }
        return scalars(items);
    }

    private static Optional<Sequence> block(String text) {
        List<String> items = new ArrayList<>();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (!stripped.startsWith("-")) {
                return Optional.of(UNCHECKABLE);
            }
            items.add(stripped.substring(1));
        }
        return scalars(items);
    }

    /** Unquotes the elements; a quoted one with escapes, or a nested one, makes the sequence uncheckable. */
    private static Optional<Sequence> scalars(List<String> raw) {
        List<String> items = new ArrayList<>();
        for (String element : raw) {
            String item = element.strip();
            if (item.length() >= 2 && (item.charAt(0) == '\'' || item.charAt(0) == '"')
                    && item.charAt(item.length() - 1) == item.charAt(0)) {
                String inner = item.substring(1, item.length() - 1);
                if (inner.indexOf(item.charAt(0)) >= 0 || inner.indexOf('\\') >= 0) {
                    return Optional.of(UNCHECKABLE);
                }
                items.add(inner);
            } else if (item.isEmpty() || item.equals("~") || item.equalsIgnoreCase("null")) {
                return Optional.empty();
            } else if ("'\"[{&*!|>#".indexOf(item.charAt(0)) >= 0 || item.startsWith("- ") || item.equals("-")) {
                return Optional.of(UNCHECKABLE);
            } else {
                items.add(item);
            }
        }
        return Optional.of(new Sequence(items, true));
    }
}
