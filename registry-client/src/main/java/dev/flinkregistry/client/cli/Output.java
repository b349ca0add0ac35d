package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.OptionInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints JSON and aligned tables for the commands. */
final class Output {

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

    /** A factory's options as a table: key, type, default, required, description. */
    static void options(PrintWriter out, FactoryInfo factory) {
        out.println("'" + factory.identifier() + "'  " + String.join(", ", factory.families()) + "  ["
                + String.join(", ", factory.capabilities()) + "]  " + factory.className());
        if (factory.options() == null || factory.options().isEmpty()) {
            out.println("  (no options)");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  KEY", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION"});
        for (OptionInfo option : factory.options()) {
            rows.add(new String[] {"  " + option.key(), option.type(),
                    option.defaultValue() == null ? "(none)" : option.sensitive() ? "******" : option.defaultValue(),
                    option.required() ? "yes" : option.forwarded() ? "no, forwarded" : "no", describe(option)});
        }
        table(out, rows);
    }

    private static String describe(OptionInfo option) {
        StringBuilder text = new StringBuilder(option.description() == null ? "" : option.description().replace('\n', ' '));
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
        String flat = text.toString().strip();
        return flat.length() <= DESCRIPTION_WIDTH ? flat : flat.substring(0, DESCRIPTION_WIDTH - 1) + "…";
    }
}
