package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.OptionReport;
import dev.flinkregistry.server.connector.VersionDiff.IdentifierRef;
import dev.flinkregistry.server.connector.VersionDiff.OptionChange;
import dev.flinkregistry.server.connector.VersionDiff.OptionShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * DESIGN rule 6: compares what two versions offer. Breaking, because jobs fail at their next
 * restart: an identifier dropped, a required option added (or an optional one made required),
 * an option removed (Flink rejects unknown keys), an option's type changed.
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {}

    static VersionDiff diff(Integer fromVersion, JarAnalysis from, Integer toVersion, JarAnalysis to) {
        Set<IdentifierRef> before = identifiers(from);
        Set<IdentifierRef> after = identifiers(to);
        List<IdentifierRef> added = after.stream().filter(i -> !before.contains(i)).toList();
        List<IdentifierRef> removed = before.stream().filter(i -> !after.contains(i)).toList();
        OptionChanges changes = new OptionChanges();
        removed.forEach(r -> changes.breaking.add("drops '" + r.identifier() + "' (" + r.family() + ")"));
        Map<String, Map<String, OptionReport>> optionsBefore = options(from);
        options(to).forEach((identifier, keys) -> {
            Map<String, OptionReport> old = optionsBefore.get(identifier);
            if (old != null) {
                changes.compare(identifier, old, keys);
            }
        });
        return new VersionDiff(fromVersion, toVersion, added, removed, changes.added, changes.removed,
                changes.changed, changes.breaking);
    }

    /** The option changes of the identifiers both versions offer, and the reasons the diff breaks jobs. */
    private static final class OptionChanges {

        final List<OptionChange> added = new ArrayList<>();
        final List<OptionChange> removed = new ArrayList<>();
        final List<OptionChange> changed = new ArrayList<>();
        final List<String> breaking = new ArrayList<>();

        void compare(String identifier, Map<String, OptionReport> before, Map<String, OptionReport> after) {
            after.forEach((key, option) -> {
                OptionReport previous = before.get(key);
                if (previous == null) {
                    added(identifier, key, option);
                } else if (!shape(previous).equals(shape(option))) {
                    changed(identifier, key, previous, option);
                }
            });
            before.forEach((key, option) -> {
                if (!after.containsKey(key)) {
                    removed.add(new OptionChange(identifier, key, shape(option), null));
                    breaking.add("'" + identifier + "' no longer accepts option '" + key + "'");
                }
            });
        }

        private void added(String identifier, String key, OptionReport option) {
            added.add(new OptionChange(identifier, key, null, shape(option)));
            if (option.required()) {
                breaking.add("'" + identifier + "' requires the new option '" + key + "'");
            }
        }

        private void changed(String identifier, String key, OptionReport previous, OptionReport option) {
            changed.add(new OptionChange(identifier, key, shape(previous), shape(option)));
            if (option.required() && !previous.required()) {
                breaking.add("'" + identifier + "' now requires '" + key + "'");
            }
            if (!Objects.equals(previous.type(), option.type())) {
                breaking.add("'" + identifier + "' option '" + key + "' changes type from "
                        + previous.type() + " to " + option.type());
            }
        }
    }

    private static Set<IdentifierRef> identifiers(JarAnalysis analysis) {
        Set<IdentifierRef> identifiers = new LinkedHashSet<>();
        if (analysis != null) {
            for (FactoryReport factory : analysis.loadedFactories()) {
                factory.families().forEach(family -> identifiers.add(new IdentifierRef(family, factory.identifier())));
            }
        }
        return identifiers;
    }

    /** Options by identifier and key; a factory in several families is compared once. */
    private static Map<String, Map<String, OptionReport>> options(JarAnalysis analysis) {
        Map<String, Map<String, OptionReport>> options = new TreeMap<>();
        if (analysis != null) {
            for (FactoryReport factory : analysis.loadedFactories()) {
                Map<String, OptionReport> keys = options.computeIfAbsent(factory.identifier(), i -> new LinkedHashMap<>());
                factory.options().forEach(option -> keys.putIfAbsent(option.key(), option));
            }
        }
        return options;
    }

    private static OptionShape shape(OptionReport option) {
        return new OptionShape(option.type(), option.defaultValue(), option.required());
    }
}
