package dev.flinkregistry.analyzer.worker;

import java.util.EnumSet;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

/** Renders a Flink option description as plain text, the way a terminal or a JSON client shows it. */
final class PlainTextFormatter extends Formatter {

    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
        if (description.isEmpty() || description.equals(link)) {
            state.append(link);
        } else {
            state.append(description).append(" (").append(link).append(')');
        }
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
        state.append('\n');
    }

    @Override
    protected void formatText(
            StringBuilder state, String format, String[] elements, EnumSet<TextElement.TextStyle> styles) {
        state.append(String.format(format, (Object[]) elements));
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
        for (String entry : entries) {
            state.append("\n- ").append(entry);
        }
    }

    @Override
    protected Formatter newInstance() {
        return new PlainTextFormatter();
    }
}
