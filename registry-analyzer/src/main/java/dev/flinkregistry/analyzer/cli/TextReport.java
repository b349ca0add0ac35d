package dev.flinkregistry.analyzer.cli;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.OptionReport;
import java.util.ArrayList;
import java.util.List;

/** Renders an analysis for a terminal: the verdict, each factory with an options table, the findings. */
public final class TextReport {

    private static final int DESCRIPTION_WIDTH = 70;
    private static final int MIN_DESCRIPTION_WIDTH = 20;

    private TextReport() {}

    public static String render(JarAnalysis analysis) {
        StringBuilder out = new StringBuilder();
        out.append(analysis.jar() == null ? "?" : analysis.jar().fileName())
                .append(" for Flink ").append(analysis.flinkVersion())
                .append(" (checked against ").append(analysis.flinkRelease()).append("): ")
                .append(analysis.accepted() ? "ACCEPTED" : "REFUSED").append('\n');
        if (analysis.jar() != null) {
            out.append("  ").append(analysis.jar().sizeBytes()).append(" bytes, ").append(analysis.jar().entries())
                    .append(" entries, ").append(analysis.jar().classes()).append(" classes, sha256 ")
                    .append(analysis.jar().sha256()).append('\n');
        }
        if (analysis.builtFor() != null && analysis.builtFor().flinkVersion() != null) {
            out.append("  built for Flink ").append(analysis.builtFor().flinkVersion()).append('\n');
        }
        for (FactoryReport factory : analysis.factories()) {
            out.append('\n');
            factory(out, factory);
        }
        if (!analysis.findings().isEmpty()) {
            out.append("\nFindings\n");
            for (Finding finding : analysis.findings()) {
                out.append("  ").append(finding.severity()).append(' ').append(finding.code()).append(": ")
                        .append(finding.message()).append('\n');
                finding.details().stream().limit(10).forEach(d -> out.append("      ").append(d).append('\n'));
                if (finding.details().size() > 10) {
                    out.append("      … ").append(finding.details().size() - 10).append(" more\n");
                }
            }
        }
        return out.toString();
    }

    private static void factory(StringBuilder out, FactoryReport factory) {
        out.append(factory.loaded() ? "'" + factory.identifier() + "'" : "(not loaded)")
                .append("  ").append(factory.className())
                .append(factory.declared() ? "" : "  [not declared]").append('\n');
        if (!factory.loaded()) {
            out.append("  ").append(factory.failure().code()).append(": ").append(factory.failure().message()).append('\n');
            return;
        }
        out.append("  families: ").append(String.join(", ", factory.families()))
                .append("; capabilities: ").append(String.join(", ", factory.capabilities())).append('\n');
        if (factory.options().isEmpty()) {
            out.append("  no options\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Key", "Type", "Default", "Required", "Description"});
        for (OptionReport option : factory.options()) {
            rows.add(new String[] {option.key(), option.type(),
                    option.defaultValue() == null ? "(none)" : option.sensitive() ? "******" : option.defaultValue(),
                    option.required() ? "yes" : option.forwarded() ? "no, forwarded" : "no",
                    describe(option)});
        }
        table(out, rows);
    }

    /**
     * The option's description, shortened to fit, followed by what a user must not miss (its values,
     * its other keys, that it is sensitive), which is never cut.
     */
    private static String describe(OptionReport option) {
        StringBuilder facts = new StringBuilder();
        if (!option.enumValues().isEmpty()) {
            facts.append(" Values: ").append(String.join(", ",
                    option.enumValues().stream().map(v -> v.value()).toList())).append('.');
        }
        if (!option.fallbackKeys().isEmpty()) {
            facts.append(" Fallback keys: ").append(String.join(", ", option.fallbackKeys())).append('.');
        }
        if (!option.deprecatedKeys().isEmpty()) {
            facts.append(" Deprecated keys: ").append(String.join(", ", option.deprecatedKeys())).append('.');
        }
        if (option.sensitive()) {
            facts.append(" Sensitive.");
        }
        String description = option.description().replace('\n', ' ').strip();
        int room = Math.max(MIN_DESCRIPTION_WIDTH, DESCRIPTION_WIDTH - facts.length());
        if (description.length() > room) {
            description = description.substring(0, room - 1) + "…";
        }
        return (description + facts).strip();
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.append("  ");
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
    }
}
