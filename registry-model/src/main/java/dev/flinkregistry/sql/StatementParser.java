package dev.flinkregistry.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parts of one statement's tokens that the registry needs; everything else (column
 * lists, {@code PARTITIONED BY}, {@code COMMENT}, the query of {@code AS SELECT}) is skipped.
 */
final class StatementParser {

    /** Reserved words that end a name in the clauses read here; Flink rejects them unquoted. */
    private static final Set<String> RESERVED_AFTER_NAME = Set.of("WITH", "LIKE", "AS");

    private final List<Token> tokens;
    private int pos;

    private StatementParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one non-empty statement, as produced by {@link StatementSplitter}.
     *
     * @throws SqlScanException if a table or catalog declaration has no name or a malformed
     *     {@code WITH (...)} clause
     */
    static SqlStatement parse(List<Token> statement) {
        return new StatementParser(statement).statement();
    }

    private SqlStatement statement() {
        int line = tokens.get(0).line();
        if (accept("CREATE")) {
            if (accept("OR") && !accept("REPLACE")) {
                accept("ALTER");
            }
            accept("TEMPORARY");
            if (accept("TABLE") || accept("MATERIALIZED") && accept("TABLE")) {
                return table(line);
            }
            if (accept("CATALOG")) {
                return catalog(line);
            }
        } else if (accept("REPLACE") && accept("TABLE")) {
            return table(line);
        } else if (accept("ALTER") && accept("TABLE")) {
            return alterTable(line);
        }
        return SqlStatement.other(line);
    }

    private SqlStatement table(int line) {
        skipIfNotExists();
        String name = name("table");
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Integer> optionLines = new LinkedHashMap<>();
        Optional<String> likeTable = Optional.empty();
        while (pos < tokens.size() && !peek().isKeyword("AS")) {
            if (peek().isSymbol('(')) {
                skipParenthesized();
            } else if (atOptionList("WITH")) {
                pos++;
                readOptions(options, optionLines);
            } else if (accept("LIKE")) {
                likeTable = Optional.of(name("LIKE source table"));
            } else {
                pos++;
            }
        }
        return new SqlStatement(SqlStatement.Kind.TABLE, name, options, likeTable, line, optionLines);
    }

    private SqlStatement catalog(int line) {
        skipIfNotExists();
        String name = name("catalog");
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Integer> optionLines = new LinkedHashMap<>();
        while (pos < tokens.size()) {
            if (atOptionList("WITH")) {
                pos++;
                readOptions(options, optionLines);
            } else {
                pos++;
            }
        }
        return new SqlStatement(SqlStatement.Kind.CATALOG, name, options, Optional.empty(), line, optionLines);
    }

    private SqlStatement alterTable(int line) {
        if (accept("IF")) {
            accept("EXISTS");
        }
        String name = name("table");
        if (!atOptionList("SET")) {
            return SqlStatement.other(line);
        }
        pos++;
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Integer> optionLines = new LinkedHashMap<>();
        readOptions(options, optionLines);
        return new SqlStatement(SqlStatement.Kind.ALTER_TABLE, name, options, Optional.empty(), line, optionLines);
    }

    private void skipIfNotExists() {
        if (accept("IF")) {
            accept("NOT");
            accept("EXISTS");
        }
    }

    /** Reads a possibly qualified name, such as {@code cat.db.`my table`}, joining its parts with dots. */
    private String name(String what) {
        if (pos >= tokens.size() || !isNamePart(peek())) {
            throw new SqlScanException(currentLine(), "expected a " + what + " name");
        }
        StringBuilder name = new StringBuilder(tokens.get(pos++).text());
        while (pos + 1 < tokens.size() && peek().isSymbol('.') && isNamePart(tokens.get(pos + 1))) {
            name.append('.').append(tokens.get(pos + 1).text());
            pos += 2;
        }
        return name.toString();
    }

    private static boolean isNamePart(Token token) {
        return token.type() == Token.Type.QUOTED_IDENTIFIER
                || token.type() == Token.Type.WORD && RESERVED_AFTER_NAME.stream().noneMatch(token::isKeyword);
    }

    /**
     * Reads {@code ('k' = 'v', ...)} starting at the opening parenthesis into {@code options}, and
     * the line each key stands on into {@code lines} (a repeated key: the line of the value that wins).
     */
    private void readOptions(Map<String, String> options, Map<String, Integer> lines) {
        pos++;
        if (acceptSymbol(')')) {
            return;
        }
        do {
            int keyLine = currentLine();
            String key = stringLiteral("a quoted option key");
            if (!acceptSymbol('=')) {
                throw new SqlScanException(currentLine(), "expected '=' after option key '" + key + "'");
            }
            options.put(key, stringLiteral("a quoted value for option '" + key + "'"));
            lines.put(key, keyLine);
        } while (acceptSymbol(','));
        if (!acceptSymbol(')')) {
            throw new SqlScanException(currentLine(), "expected ',' or ')' in option list");
        }
    }

    /** Reads a string literal; adjacent literals are concatenated, as Flink does. */
    private String stringLiteral(String expected) {
        if (pos >= tokens.size() || peek().type() != Token.Type.STRING) {
            throw new SqlScanException(currentLine(), "expected " + expected);
        }
        StringBuilder value = new StringBuilder();
        while (pos < tokens.size() && peek().type() == Token.Type.STRING) {
            value.append(tokens.get(pos++).text());
        }
        return value.toString();
    }

    /** Skips a parenthesized group, whose balance {@link StatementSplitter} has checked. */
    private void skipParenthesized() {
        int depth = 0;
        do {
            Token token = tokens.get(pos++);
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            }
        } while (depth > 0);
    }

    private boolean atOptionList(String keyword) {
        return pos + 1 < tokens.size() && peek().isKeyword(keyword) && tokens.get(pos + 1).isSymbol('(');
    }

    private boolean accept(String keyword) {
        if (pos < tokens.size() && peek().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(char symbol) {
        if (pos < tokens.size() && peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    /** The line of the current token, or of the last one when the statement has ended. */
    private int currentLine() {
        return tokens.get(Math.min(pos, tokens.size() - 1)).line();
    }
}
