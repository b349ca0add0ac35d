package dev.flinkregistry.server.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the problems out of a Flink error text or stack trace, as Flink 1.20 and 2.2's
 * {@code FactoryUtil} words them. Messages may appear several times (each "Caused by:" repeats its
 * cause's message); each problem is reported once, in the order it first appears.
 */
final class FlinkErrorText {

    private static final String QUOTED = "'([^'\\r\\n]{0,256})'";
    private static final Pattern NO_FACTORY = Pattern.compile("Could not find any factory for identifier " + QUOTED
            + " that implements '([\\w.$]{1,256})' in the classpath\\.");
    private static final Pattern NO_FORMAT_FACTORY = Pattern.compile(
            "Could not find any format factory for identifier " + QUOTED + " in the classpath");
    private static final Pattern MULTIPLE = Pattern.compile("Multiple factories for identifier " + QUOTED
            + " that implement '([\\w.$]{1,256})' found in the classpath\\.");
    private static final Pattern UNSUPPORTED = Pattern.compile("Unsupported options found for " + QUOTED + "\\.");
    private static final Pattern MISSING_CLASS = Pattern.compile(
            "(?:NoClassDefFoundError|ClassNotFoundException)(?::\\s*|\\s+)"
                    + "([A-Za-z_$][\\w$]{0,200}(?:[./][A-Za-z_$][\\w$]{0,200}){1,40})");
    private static final Pattern LIST_HEADER_AMBIGUOUS = Pattern.compile("Ambiguous factory classes are:");
    private static final Pattern LIST_HEADER_UNSUPPORTED = Pattern.compile("Unsupported options:");
    private static final Pattern LIST_HEADER_SUPPORTED = Pattern.compile("Supported options:");
    /** How many entries of a list a message may have: Flink's lists are short, a pasted log is not. */
    static final int MAX_LIST = 50;
    private static final List<String> MESSAGE_STARTS = List.of("\nCaused by:", "\n\tat ", "\n    at ", "\n\t... ");

    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("DynamicTableFactory", "table-connector"),
            Map.entry("DynamicTableSourceFactory", "table-connector"),
            Map.entry("DynamicTableSinkFactory", "table-connector"),
            Map.entry("DeserializationFormatFactory", "decoding-format"),
            Map.entry("SerializationFormatFactory", "encoding-format"),
            Map.entry("DecodingFormatFactory", "decoding-format"),
            Map.entry("EncodingFormatFactory", "encoding-format"),
            Map.entry("FormatFactory", "format"),
            Map.entry("CatalogFactory", "catalog"),
            Map.entry("CatalogStoreFactory", "catalog-store"),
            Map.entry("ModuleFactory", "module"),
            Map.entry("ModelProviderFactory", "model-provider"),
            Map.entry("WorkflowSchedulerFactory", "workflow-scheduler"));

    private FlinkErrorText() {}

    /** The problems the text shows, each once. */
    static List<ErrorClue> clues(String raw) {
        String text = normalised(raw);
        int[] starts = messageStarts(text);
        Map<String, Found> found = new LinkedHashMap<>();
        Matcher m = NO_FACTORY.matcher(text);
        while (m.find()) {
            String family = familyOf(m.group(2));
            ExplainKind kind = family != null && family.endsWith("format")
                    ? ExplainKind.FORMAT_FACTORY_NOT_FOUND : ExplainKind.FACTORY_NOT_FOUND;
            add(found, m.start(), new ErrorClue(kind, m.group(1), family, m.group(2), null, List.of(), List.of(),
                    List.of()));
        }
        m = NO_FORMAT_FACTORY.matcher(text);
        while (m.find()) {
            add(found, m.start(), new ErrorClue(ExplainKind.FORMAT_FACTORY_NOT_FOUND, m.group(1), "format", null, null,
                    List.of(), List.of(), List.of()));
        }
        m = MULTIPLE.matcher(text);
        for (boolean more = m.find(); more; ) {
            int from = m.end();
            ErrorClue clue = new ErrorClue(ExplainKind.MULTIPLE_FACTORIES, m.group(1), familyOf(m.group(2)),
                    m.group(2), null, List.of(), List.of(), List.of());
            int at = m.start();
            more = m.find();
            int limit = limit(starts, from, more ? m.start() : text.length());
            List<String> classes = listAfter(text, from, limit, LIST_HEADER_AMBIGUOUS);
            add(found, at, new ErrorClue(clue.kind(), clue.identifier(), clue.family(), clue.factoryInterface(), null,
                    List.of(), List.of(), classes));
        }
        m = UNSUPPORTED.matcher(text);
        for (boolean more = m.find(); more; ) {
            int from = m.end();
            int at = m.start();
            String identifier = m.group(1);
            more = m.find();
            // Each list is looked for only up to where the next message (or the next repetition) begins.
            int limit = limit(starts, from, more ? m.start() : text.length());
            List<String> unsupported = listAfter(text, from, limit, LIST_HEADER_UNSUPPORTED);
            List<String> supported = listAfter(text, from, limit, LIST_HEADER_SUPPORTED).stream()
                    .map(key -> key.replaceFirst(" \\(deprecated\\)$", "")).toList();
            add(found, at, new ErrorClue(ExplainKind.UNSUPPORTED_OPTIONS, identifier, null, null, null,
                    unsupported, supported, List.of()));
        }
        m = MISSING_CLASS.matcher(text);
        while (m.find()) {
            String className = m.group(1).replace('/', '.').replaceFirst(";$", "");
            add(found, m.start(), new ErrorClue(ExplainKind.CLASS_NOT_FOUND, null, null, null, className,
                    List.of(), List.of(), List.of()));
        }
        return found.values().stream().sorted((a, b) -> Integer.compare(a.at, b.at)).map(Found::clue).toList();
    }

    private record Found(int at, ErrorClue clue) {}

    private static void add(Map<String, Found> found, int at, ErrorClue clue) {
        Found earlier = found.get(clue.key());
        // A later repetition may carry lists an earlier, cut-off one lacks (e.g. a log line that was truncated).
        if (earlier == null || richer(clue, earlier.clue())) {
            found.put(clue.key(), new Found(earlier == null ? at : earlier.at(), clue));
        }
    }

    private static boolean richer(ErrorClue candidate, ErrorClue earlier) {
        return candidate.unsupported().size() + candidate.supported().size() + candidate.classes().size()
                > earlier.unsupported().size() + earlier.supported().size() + earlier.classes().size();
    }

    /** The registry's family for a factory interface Flink named, or null when it names none we know. */
    static String familyOf(String factoryInterface) {
        String simple = factoryInterface.substring(factoryInterface.lastIndexOf('.') + 1);
        return FAMILIES.get(simple);
    }

    /**
     * The entries of the list under {@code header} between {@code from} and {@code limit} (where the
     * message ends): one per line, up to a blank line after the first entry, a stack frame, or
     * {@link #MAX_LIST} entries. Only the lines read are looked at.
     */
    private static List<String> listAfter(String text, int from, int limit, Pattern header) {
        Matcher h = header.matcher(text).region(from, limit);
        if (!h.find()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (int line = h.end(); line <= limit && entries.size() < MAX_LIST; ) {
            int end = text.indexOf('\n', line);
            end = end < 0 || end > limit ? limit : end;
            String entry = text.substring(line, end).strip();
            line = end + 1;
            if (entry.isEmpty()) {
                if (!entries.isEmpty()) {
                    break;
                }
                continue;
            }
            if (entry.startsWith("at ") || entry.endsWith(":") || entry.contains(" ") && !entry.endsWith(
                    " (deprecated)")) {
                break;
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Where each message after the first (a "Caused by:" or a stack frame) begins, ascending. */
    private static int[] messageStarts(String text) {
        List<Integer> all = new ArrayList<>();
        for (String marker : MESSAGE_STARTS) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                all.add(at);
            }
        }
        return all.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The first message start after {@code from}, or {@code otherwise} when that comes first. */
    private static int limit(int[] starts, int from, int otherwise) {
        int i = Arrays.binarySearch(starts, from);
        i = i >= 0 ? i : -i - 1;
        return i < starts.length ? Math.min(starts[i], otherwise) : otherwise;
    }

    /**
     * Line ends made {@code \n}; a text that was escaped on its way (a JSON log line, where every
     * line break is the two characters {@code \n}) is unescaped first.
     */
    private static String normalised(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (text.indexOf('\n') < 0 || text.contains("\\n\\n")) {
            text = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t").replace("\\'", "'");
        }
        return text;
    }
}
