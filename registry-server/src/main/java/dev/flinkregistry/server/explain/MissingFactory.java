package dev.flinkregistry.server.explain;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.explain.Explanation.ExplainProvider;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import dev.flinkregistry.server.validate.KeySuggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** "Could not find any (format) factory for identifier 'x'": who provides x, or what was meant. */
final class MissingFactory {

    private MissingFactory() {}

    static ExplainedProblem explain(Workspace ws, ErrorClue clue) {
        String id = clue.identifier();
        String what = what(clue);
        List<ProvidedBy> all = ws.queries.identifier(ws.info.id(), id);
        List<ProvidedBy> matching = all.stream().filter(p -> Workspace.familyMatches(clue.family(), p.family())).toList();
        List<FactoryReport> builtins = ws.builtin(clue.family(), id);
        List<ExplainProvider> providers = ws.providers(matching);
        List<String> fix = new ArrayList<>();
        String explanation;
        List<String> suggestions = List.of();
        List<ProvidedBy> current = matching.stream().filter(ProvidedBy::current).toList();
        if (!current.isEmpty()) {
            ProvidedBy by = current.get(0);
            explanation = what + " '" + id + "' comes from the registered connector '" + by.connector() + "', version "
                    + by.version() + " (current), registered for Flink " + ws.info.flinkVersion()
                    + ", but its JAR was not on the job's class path.";
            fix.add("fcr fetch job.sql --print add_jar    # resolves every connector the script uses and prints its "
                    + "ADD JAR statements (local files)");
            fix.add("or this JAR alone:");
            fix.addAll(ws.addJar(by));
        } else if (!matching.isEmpty()) {
            ProvidedBy newest = matching.get(0);
            explanation = what + " '" + id + "' is declared only by older versions of connector '" + newest.connector()
                    + "' (newest: version " + newest.version() + "), not by its current version: a job resolving "
                    + "the current version does not get it.";
            fix.add("fcr current " + newest.connector() + " " + newest.version()
                    + " --force    # roll back, if jobs should keep using '" + id + "'");
            fix.add("or pin that version in this job:");
            fix.addAll(ws.addJar(newest));
        } else if (!all.isEmpty()) {
            ProvidedBy other = all.get(0);
            explanation = "'" + id + "' is registered, but as a " + other.family() + " (connector '" + other.connector()
                    + "'), not as a " + (clue.family() == null ? "factory of the kind Flink looked for" : clue.family())
                    + ": Flink looks identifiers up per family.";
            fix.add("Use '" + id + "' where a " + other.family() + " is expected, or name a " + what.toLowerCase(Locale.ROOT)
                    + " that is registered.");
            providers = ws.providers(all);
        } else if (!builtins.isEmpty()) {
            explanation = what + " '" + id + "' is built into Flink " + ws.flinkRelease + " (" + builtins.get(0).className()
                    + "), but the JAR that ships it is not on the job's class path.";
            fix.add("Put Flink's own JAR for '" + id + "' (e.g. from the distribution's opt/ or Maven Central, "
                    + ws.flinkRelease + ") into lib/ or the job's class path; the registry does not serve it.");
        } else {
            suggestions = near(ws, clue);
            explanation = "Nothing registered in workspace '" + ws.info.name() + "' provides " + what.toLowerCase(Locale.ROOT)
                    + " '" + id + "', and Flink " + ws.flinkRelease + " does not ship it.";
            suggestions.forEach(s -> fix.add("Did you mean '" + s + "'?"));
            fix.add("Register a JAR that provides '" + id + "': fcr upload <name> <connector.jar>");
        }
        return new ExplainedProblem(clue.kind().name(), id, clue.family(), null, !builtins.isEmpty(), providers,
                List.of(), suggestions, explanation, fix);
    }

    private static String what(ErrorClue clue) {
        if (clue.family() == null) {
            return "Factory";
        }
        return switch (clue.family()) {
            case "table-connector" -> "Connector";
            case "decoding-format", "encoding-format", "format" -> "Format";
            case "catalog" -> "Catalog type";
            case "module" -> "Module";
            default -> "Factory";
        };
    }

    /** Registered and built-in identifiers close to the one asked for: the closest first, at most five. */
    static List<String> near(Workspace ws, ErrorClue clue) {
        String id = clue.identifier();
        Set<String> candidates = new LinkedHashSet<>(ws.queries.identifiers(ws.info.id()));
        ws.builtins.stream().filter(b -> b.identifier() != null
                        && b.families().stream().anyMatch(f -> Workspace.familyMatches(clue.family(), f)))
                .forEach(b -> candidates.add(b.identifier()));
        candidates.remove(id);
        int limit = Math.max(1, Math.min(3, id.length() / 3));
        Stream<String> close = candidates.stream()
                .filter(c -> KeySuggestions.distance(id.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)) <= limit)
                .sorted(Comparator.comparingInt((String c) -> KeySuggestions.distance(id, c)).thenComparing(c -> c));
        Set<String> found = new LinkedHashSet<>(close.limit(5).toList());
        KeySuggestions.closest(id, candidates).ifPresent(found::add);
        return List.copyOf(found);
    }
}
