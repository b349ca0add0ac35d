package dev.flinkregistry.sql;

import java.util.Locale;

/**
 * One lexical token of a Flink SQL script; comments and whitespace never become tokens.
 *
 * @param type what kind of token this is
 * @param text the token's text; for strings and quoted identifiers the unescaped content
 *     without the quotes
 * @param line the 1-based line on which the token starts
 */
record Token(Type type, String text, int line) {

    /** The kinds of token the scanner needs to tell apart. */
    enum Type {
        /** An unquoted identifier, keyword or number. */
        WORD,
        /** A back-quoted identifier. */
        QUOTED_IDENTIFIER,
        /** A character string literal, including {@code U&'...'}. */
        STRING,
        /** Any other single character, such as {@code ( ) , = .}. */
        SYMBOL,
        /** The statement separator {@code ;}. */
        SEMICOLON
    }

    /** Whether this is an unquoted word equal to {@code keyword}, ignoring case. */
    boolean isKeyword(String keyword) {
        return type == Type.WORD && text.toUpperCase(Locale.ROOT).equals(keyword);
    }

    /** Whether this is the symbol {@code symbol}. */
    boolean isSymbol(char symbol) {
        return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }
}
