package dev.flinkregistry.server.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a List ({@code a;b}) or Map ({@code k1:v1,k2:v2}) value the way Flink's configuration
 * does: parts may be quoted with {@code '} or {@code "} (a doubled quote is a literal quote),
 * unquoted parts are trimmed, a quoted part must be followed by the delimiter or the end, and
 * empty parts appear only between two delimiters (so {@code a;} is one part and {@code ""} none).
 */
final class OptionSplitter {

    private enum Kind { QUOTED, PLAIN, DELIMITER }

    private record Token(Kind kind, String text, int position) {}

    private OptionSplitter() {}

    /** The parts; {@link IllegalArgumentException} with Flink's reason when the quoting is broken. */
    static List<String> split(String value, char delimiter) {
        List<Token> tokens = tokenize(value, delimiter);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (token.kind()) {
                case QUOTED -> {
                    if (next != null && next.kind() != Kind.DELIMITER) {
                        throw new IllegalArgumentException(
                                "Could not split string. Illegal quoting at position: " + (next.position() - 1));
                    }
                    parts.add(token.text());
                }
                case PLAIN -> parts.add(token.text());
                case DELIMITER -> {
                    if (next != null && next.kind() == Kind.DELIMITER) {
                        parts.add("");
                    }
                }
            }
        }
        return parts;
    }

    private static List<Token> tokenize(String value, char delimiter) {
        List<Token> tokens = new ArrayList<>();
        int cursor = 0;
        while (cursor < value.length()) {
            char c = value.charAt(cursor);
            StringBuilder text = new StringBuilder();
            int next = cursor + 1;
            if (c == '\'' || c == '"') {
                next = quoted(value, c, cursor, text);
                tokens.add(new Token(Kind.QUOTED, text.toString(), cursor));
            } else if (c == delimiter) {
                tokens.add(new Token(Kind.DELIMITER, String.valueOf(c), cursor));
            } else if (!Character.isWhitespace(c)) {
                next = value.indexOf(delimiter, cursor);
                next = next < 0 ? value.length() : next;
                tokens.add(new Token(Kind.PLAIN, value.substring(cursor, next).trim(), cursor));
            }
            cursor = next;
        }
        return tokens;
    }

    /** Reads a quoted part starting at {@code start}; returns the index after its closing quote. */
    private static int quoted(String value, char quote, int start, StringBuilder text) {
        for (int i = start + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != quote) {
                text.append(c);
            } else if (i + 1 < value.length() && value.charAt(i + 1) == quote) {
                text.append(c);
                i++;
            } else {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("Could not split string. Quoting was not closed properly.");
    }
}
