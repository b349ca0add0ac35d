package dev.flinkregistry.server.explain;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.OptionReport;
import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.explain.Explanation.ExplainOption;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import dev.flinkregistry.server.validate.KeySuggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "Unsupported options found for 'x'": for each key, the key that was meant (by edit distance over
 * the keys Flink listed and those the factory declares, fallback keys included), or the versions of
 * the connector that do declare it (the job ran with an older or newer one).
 */
final class UnsupportedOptions {

    private UnsupportedOptions() {}

    static ExplainedProblem explain(Workspace ws, ErrorClue clue) {
        String id = clue.identifier();
        List<ProvidedBy> versions = ws.queries.identifier(ws.info.id(), id);
        Optional<ProvidedBy> current = versions.stream().filter(ProvidedBy::current).findFirst();
        Set<String> accepted = new LinkedHashSet<>(clue.supported());
        current.flatMap(c -> ws.factory(c.versionId(), c.family(), id)).ifPresent(f -> accepted.addAll(keys(f)));
        List<FactoryReport> builtins = versions.isEmpty() ? ws.builtin(null, id) : List.of();
        builtins.forEach(b -> accepted.addAll(keys(b)));
        List<ExplainOption> options = new ArrayList<>();
        List<String> fix = new ArrayList<>();
        boolean refetch = false;
        for (String key : clue.unsupported()) {
            List<String> declaredBy = versions.stream()
                    .filter(v -> ws.factory(v.versionId(), v.family(), id).map(f -> keys(f).contains(key)).orElse(false))
                    .map(v -> v.connector() + " " + v.version() + (v.current() ? " (current)" : "")).distinct().toList();
            Set<String> others = new LinkedHashSet<>(accepted);
            others.remove(key);
            String suggestion = KeySuggestions.closest(key, others).orElse(null);
            options.add(new ExplainOption(key, suggestion, declaredBy));
            if (declaredBy.stream().anyMatch(d -> d.endsWith("(current)"))) {
                refetch = true;
                fix.add("'" + key + "' is declared by " + current.map(c -> "'" + c.connector() + "' version " + c.version())
                        .orElseThrow() + " (current), not by the version the job ran with: fetch again.");
            } else if (!declaredBy.isEmpty()) {
                fix.add("'" + key + "' is declared only by " + String.join(", ", declaredBy) + ", not by the current "
                        + "version: remove it" + (suggestion == null ? "" : " or use '" + suggestion + "'")
                        + ", or pin that version.");
            } else if (suggestion != null) {
                fix.add("Replace '" + key + "' with '" + suggestion + "'.");
            } else {
                fix.add("Remove '" + key + "': no registered version of '" + id + "' declares it.");
            }
        }
        if (refetch) {
            fix.add("fcr fetch job.sql --print add_jar");
            current.ifPresent(c -> {
                fix.add("or this JAR alone:");
                fix.addAll(ws.addJar(c));
            });
        }
        String source = current.map(c -> "connector '" + c.connector() + "' (current version " + c.version() + ")")
                .orElse(!builtins.isEmpty() ? "Flink " + ws.flinkRelease + "'s built-in factory"
                        : versions.isEmpty() ? "a factory nothing registered in this workspace provides"
                        : "connector '" + versions.get(0).connector() + "' (no current version offers it)");
        String explanation = "Flink refused " + clue.unsupported().size() + " option(s) of '" + id + "' ("
                + String.join(", ", clue.unsupported()) + "); '" + id + "' is " + source + ".";
        return new ExplainedProblem(clue.kind().name(), id, current.map(ProvidedBy::family).orElse(null), null,
                !builtins.isEmpty(), ws.providers(versions), options, List.of(), explanation, fix);
    }

    /** Every key a factory accepts: declared, fallback and deprecated keys. */
    private static Set<String> keys(FactoryReport factory) {
        Set<String> keys = new LinkedHashSet<>();
        for (OptionReport option : factory.options()) {
            keys.add(option.key());
            keys.addAll(option.fallbackKeys());
            keys.addAll(option.deprecatedKeys());
        }
        return keys;
    }
}
