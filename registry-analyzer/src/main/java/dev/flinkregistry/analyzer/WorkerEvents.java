package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads the worker's JSON events into the analysis model. */
final class WorkerEvents {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    static final int MAX_DESCRIPTION_CHARS = 8000;

    private WorkerEvents() {}

    /** A {@code factory} or {@code failure} event as a report, as the event says whether it is declared. */
    static FactoryReport toReport(JsonNode event) {
        return toReport(event, event.path("declared").asBoolean(true));
    }

    /**
     * A {@code factory} or {@code failure} event of a worker as a report; whether the class is declared
     * is the analyzer's own knowledge, never the event's. A failure's text comes from the JAR's code
     * (an exception's message), so it is cut to a length an answer can carry.
     */
    static FactoryReport toReport(JsonNode event, boolean declared) {
        String className = event.path("class").asString();
        if ("failure".equals(event.path("event").asString())) {
            List<String> stack = strings(event.get("stackTrace")).stream().limit(FindingLimits.MAX_DETAILS)
                    .map(frame -> FindingLimits.shorten(frame, FindingLimits.MAX_DETAIL_CHARS)).toList();
            FindingCode code = FindingCode.byName(event.path("code").asString());
            // The JAR's code may write its own failure: never one of the analyzer's or a warning's code.
            code = FindingCode.WORKER_FAILURES.contains(code) ? code : FindingCode.FACTORY_METHOD_FAILED;
            return FactoryReport.failed(className, declared, new FactoryFailure(
                    code.name(), FindingLimits.shorten(event.path("message").asString(),
                    FindingLimits.MAX_MESSAGE_CHARS), FindingLimits.shorten(textOrNull(event.get("exception"))),
                    stack, skipped(code, event)));
        }
        List<OptionReport> options = new ArrayList<>();
        for (JsonNode option : event.path("options")) {
            List<EnumValue> values = new ArrayList<>();
            for (JsonNode value : option.path("enumValues")) {
                values.add(new EnumValue(value.path("value").asString(), textOrNull(value.get("description"))));
            }
            // Descriptions are the JAR's words: a few KB in real connectors, bounded here all the same.
            options.add(new OptionReport(option.path("key").asString(), option.path("type").asString(),
                    textOrNull(option.get("defaultValue")),
                    FindingLimits.shorten(option.path("description").asString(""), MAX_DESCRIPTION_CHARS),
                    option.path("required").asBoolean(), option.path("forwarded").asBoolean(),
                    strings(option.get("fallbackKeys")), strings(option.get("deprecatedKeys")), values,
                    option.path("sensitive").asBoolean()));
        }
        return new FactoryReport(className, declared, event.path("identifier").asString(),
                strings(event.get("families")), strings(event.get("capabilities")), strings(event.get("discovery")),
                options, null);
    }

    /**
     * Whether Flink's discovery would skip the factory: the worker saw a {@code NoClassDefFoundError}
     * while loading its class, as Flink's ServiceLoader does, and the code says a class is missing.
     * (A JAR that forges this only gets its own broken factory left out; the scan still checks the rest.)
     */
    private static boolean skipped(FindingCode code, JsonNode event) {
        return event.path("skippedByFlink").asBoolean(false) && (code == FindingCode.FACTORY_DEPENDENCY_MISSING
                || code == FindingCode.FACTORY_FLINK_API_MISSING);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(item.asString()));
        }
        return values;
    }
}
