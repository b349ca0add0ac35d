package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.OptionInfo;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints JSON, aligned tables, factories and findings for the commands. */
final class Output {

    /** A time as the tables print it: UTC to the second, empty when there is none. */
    static String time(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int DESCRIPTION_WIDTH = 60;

    private Output() {}

    static void json(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    static void table(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = String.valueOf(row[i]);
                line.append(i == row.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /**
     * The error findings an admin accepted to register a version, who, when and why, in one line;
     * nothing for a version that accepted none.
     */
    static void acceptance(PrintWriter out, Version.Acceptance acceptance) {
        if (acceptance != null) {
            out.println("  accepted findings " + String.join(", ", acceptance.codes()) + " by " + acceptance.acceptedBy()
                    + " at " + acceptance.acceptedAt() + ": " + acceptance.reason());
        }
    }

    /** One line per JAR that travels with the version, in class-path order. */
    static void dependencies(PrintWriter out, List<Version.Dependency> dependencies) {
        dependencies.forEach(d -> out.println("  dependency " + d.fileName() + ", sha256 " + d.sha256() + ", "
                + d.size() + " bytes" + (d.sourceUrl() != null ? ", from " + d.sourceUrl() : "")));
    }

    /** A factory's options as a table: key, type, default, required, description (shortened). */
    static void options(PrintWriter out, FactoryInfo factory) {
        options(out, factory, false);
    }

    /**
     * A factory's options as a table; {@code wide} keeps whole descriptions. Enum values, other keys
     * and sensitivity are shown either way.
     */
    static void options(PrintWriter out, FactoryInfo factory, boolean wide) {
        out.println(factory(factory));
        if (factory.options() == null || factory.options().isEmpty()) {
            out.println("  (no options)");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  KEY", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION"});
        for (OptionInfo option : factory.options()) {
            rows.add(new String[] {"  " + option.key(), option.type(),
                    option.defaultValue() == null ? "(none)" : option.sensitive() ? "******" : option.defaultValue(),
                    option.required() ? "yes" : option.forwarded() ? "no, forwarded" : "no", describe(option, wide)});
        }
        table(out, rows);
    }

    /**
     * A factory in one line: identifier, families, capabilities and class (or that it did not load),
     * and the code of its failure, if it has one.
     */
    static String factory(FactoryInfo factory) {
        String line = factory.identifier() == null ? "(not loaded)  " + factory.className()
                : "'" + factory.identifier() + "'  " + String.join(", ", factory.families()) + "  ["
                        + String.join(", ", factory.capabilities()) + "]  " + factory.className();
        if (factory.failure() != null) {
            line += "  " + factory.failure().code();
            if (Boolean.TRUE.equals(factory.failure().skippedByFlink())) {
                line += " (Flink skips it)";
            }
        }
        // Flink finds a factory only through the services file, so an undeclared one is never used.
        return factory.declared() ? line : line + "  [not declared]";
    }

    /**
     * Every finding, one line each and errors first: severity, code, message, and in brackets what it
     * is about. Nothing when there are none.
     */
    static void findings(PrintWriter out, List<Finding> findings) {
        if (findings == null || findings.isEmpty()) {
            return;
        }
        List<Finding> ordered = findings.stream().sorted(Comparator.comparingInt(Output::rank)).toList();
        int codeWidth = ordered.stream().mapToInt(f -> String.valueOf(f.code()).length()).max().orElse(0);
        for (Finding finding : ordered) {
            String message = String.valueOf(finding.message()).replaceAll("\\s*\\R\\s*", " ").strip();
            out.println(String.format("%-8s%-" + codeWidth + "s  %s",
                    String.valueOf(finding.severity()).toLowerCase(Locale.ROOT), finding.code(), message)
                    + (finding.subject() == null ? "" : " [" + finding.subject() + "]"));
        }
        out.flush();
    }

    /**
     * The findings about a job's JARs taken together, one line each, errors first: severity, code,
     * message and the short digests of the JARs involved. Returns whether any is an error (the job
     * would fail when it runs).
     */
    static boolean jobFindings(PrintWriter err, List<Resolution.JobFinding> findings) {
        if (findings == null || findings.isEmpty()) {
            return false;
        }
        List<Resolution.JobFinding> ordered = findings.stream()
                .sorted(Comparator.comparingInt(f -> "error".equalsIgnoreCase(f.severity()) ? 0 : 1)).toList();
        int codeWidth = ordered.stream().mapToInt(f -> String.valueOf(f.code()).length()).max().orElse(0);
        for (Resolution.JobFinding finding : ordered) {
            String message = String.valueOf(finding.message()).replaceAll("\\s*\\R\\s*", " ").strip();
            String jars = finding.jars() == null || finding.jars().isEmpty() ? ""
                    : " [" + String.join(", ", finding.jars().stream().map(Output::shortDigest).toList()) + "]";
            err.println(String.format("%-8s%-" + codeWidth + "s  %s",
                    String.valueOf(finding.severity()).toLowerCase(Locale.ROOT), finding.code(), message) + jars);
        }
        err.flush();
        return ordered.stream().anyMatch(f -> "error".equalsIgnoreCase(f.severity()));
    }

    /**
     * An option of a diff with its type, default and whether it is required: one side for an added
     * or removed option, {@code before → after} for what changed.
     */
    static String optionChange(VersionDiff.OptionChange change) {
        String name = change.identifier() + "." + change.key();
        VersionDiff.OptionShape before = change.before();
        VersionDiff.OptionShape after = change.after();
        if (before == null || after == null) {
            return name + "  " + shape(before == null ? after : before);
        }
        List<String> changed = new ArrayList<>();
        if (!String.valueOf(before.type()).equals(String.valueOf(after.type()))) {
            changed.add("type " + before.type() + " → " + after.type());
        }
        if (!String.valueOf(before.defaultValue()).equals(String.valueOf(after.defaultValue()))) {
            changed.add("default " + orNone(before.defaultValue()) + " → " + orNone(after.defaultValue()));
        }
        if (before.required() != after.required()) {
            changed.add(after.required() ? "now required" : "no longer required");
        }
        return name + "  " + (changed.isEmpty() ? shape(after) : String.join(", ", changed));
    }

    private static String shape(VersionDiff.OptionShape shape) {
        return shape == null ? "" : shape.type() + ", default " + orNone(shape.defaultValue()) + ", "
                + (shape.required() ? "required" : "optional");
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    /** The first 12 hex digits of a SHA-256, as git shortens commits: enough to tell JARs apart. */
    static String shortDigest(String sha256) {
        return sha256 == null ? "" : sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }

    private static int rank(Finding finding) {
        String severity = String.valueOf(finding.severity());
        return "ERROR".equalsIgnoreCase(severity) ? 0 : "WARNING".equalsIgnoreCase(severity) ? 1 : 2;
    }

    private static String describe(OptionInfo option, boolean wide) {
        String description = option.description() == null ? "" : option.description().replaceAll("\\s*\\R\\s*", " ").strip();
        if (!wide && description.length() > DESCRIPTION_WIDTH) {
            description = description.substring(0, DESCRIPTION_WIDTH - 1) + "…";
        }
        // What a user must type or must not log is never cut: values, other keys, sensitivity.
        StringBuilder text = new StringBuilder(description);
        if (option.sensitive()) {
            text.append(" [sensitive]");
        }
        if (option.enumValues() != null && !option.enumValues().isEmpty()) {
            text.append(" Values: ").append(String.join(", ", option.enumValues().stream()
                    .map(OptionInfo.EnumValue::value).toList())).append('.');
        }
        if (option.fallbackKeys() != null && !option.fallbackKeys().isEmpty()) {
            text.append(" Also: ").append(String.join(", ", option.fallbackKeys())).append('.');
        }
        if (option.deprecatedKeys() != null && !option.deprecatedKeys().isEmpty()) {
            text.append(" Deprecated: ").append(String.join(", ", option.deprecatedKeys())).append('.');
        }
        return text.toString().strip();
    }
}
