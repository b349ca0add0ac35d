package dev.flinkregistry.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Flink SQL text into tokens the way Flink's Calcite-generated lexer does: {@code --} and
 * {@code //} line comments and {@code / * * /} block comments (hints included) are skipped,
 * {@code '...'} strings use {@code ''} as the escape, and identifiers are back-quoted with
 * {@code ``} as the escape. Line numbers count LF, CRLF and lone CR as one line break each.
 */
final class SqlTokenizer {

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private SqlTokenizer(String sql) {
        this.sql = sql;
    }

    /**
     * Tokenizes a whole script.
     *
     * @throws SqlScanException on an unterminated string, quoted identifier or block comment
     */
    static List<Token> tokenize(String sql) {
        SqlTokenizer tokenizer = new SqlTokenizer(sql);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\r' || c == '\n') {
                newline();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (startsWith("--") || startsWith("//")) {
                skipLineComment();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else if (c == '\'') {
                readString();
            } else if ((c == 'U' || c == 'u') && startsWith("&'", pos + 1)) {
                pos += 2;
                readString();
            } else if (c == '`') {
                readQuotedIdentifier();
            } else if (isWordChar(c)) {
                readWord();
            } else {
                Token.Type type = c == ';' ? Token.Type.SEMICOLON : Token.Type.SYMBOL;
                tokens.add(new Token(type, String.valueOf(c), line));
                pos++;
            }
        }
    }

    /** Consumes one line break at {@code pos}, treating CRLF as a single one. */
    private void newline() {
        if (startsWith("\r\n")) {
            pos++;
        }
        pos++;
        line++;
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int startLine = line;
        pos += 2;
        while (!startsWith("*/")) {
            if (pos >= sql.length()) {
                throw new SqlScanException(startLine, "block comment '/*' is never closed with '*/'");
            }
            advanceOneChar();
        }
        pos += 2;
    }

    /** Reads a {@code '...'} literal starting at {@code pos}; {@code ''} stands for one quote. */
    private void readString() {
        int startLine = line;
        StringBuilder text = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlScanException(startLine, "string literal is never closed with a quote (')");
            }
            char c = sql.charAt(pos);
            if (c == '\'' && startsWith("''")) {
                text.append('\'');
                pos += 2;
            } else if (c == '\'') {
                pos++;
                break;
            } else {
                int before = pos;
                advanceOneChar();
                text.append(sql, before, pos);
            }
        }
        tokens.add(new Token(Token.Type.STRING, text.toString(), startLine));
    }

    /** Reads a back-quoted identifier; like Flink, it may not span lines. */
    private void readQuotedIdentifier() {
        StringBuilder text = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length() || sql.charAt(pos) == '\n' || sql.charAt(pos) == '\r') {
                throw new SqlScanException(line, "quoted identifier is never closed with a backtick (`)");
            }
            if (startsWith("``")) {
                text.append('`');
                pos += 2;
            } else if (sql.charAt(pos) == '`') {
                pos++;
                break;
            } else {
                text.append(sql.charAt(pos++));
            }
        }
        tokens.add(new Token(Token.Type.QUOTED_IDENTIFIER, text.toString(), line));
    }

    private void readWord() {
        int start = pos;
        while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Token.Type.WORD, sql.substring(start, pos), line));
    }

    /** Moves past the character at {@code pos}, counting it if it is a line break. */
    private void advanceOneChar() {
        char c = sql.charAt(pos);
        if (c == '\r' || c == '\n') {
            newline();
        } else {
            pos++;
        }
    }

    private boolean startsWith(String prefix) {
        return startsWith(prefix, pos);
    }

    private boolean startsWith(String prefix, int at) {
        return sql.startsWith(prefix, at);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
