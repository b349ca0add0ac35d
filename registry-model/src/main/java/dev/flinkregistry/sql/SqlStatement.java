package dev.flinkregistry.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a Flink SQL script, as far as the registry cares about it: which table or
 * catalog it declares and with which {@code WITH (...)} options.
 *
 * @param kind what the statement declares
 * @param name the declared object's name as written, back-quotes removed and escapes resolved;
 *     the parts of a qualified name ({@code cat.db.`my table`}) are joined with {@code .}
 *     ({@code cat.db.my table}); empty for {@link Kind#OTHER}
 * @param options the {@code WITH (...)} options (for {@link Kind#ALTER_TABLE}, the
 *     {@code SET (...)} options) in the order written, keys and values unescaped; if a key is
 *     repeated, the last value wins, as in Flink; empty when there is no such clause
 * @param likeTable the source table of a {@code LIKE} clause, written like {@code name}
 * @param line the 1-based line on which the statement's first token stands
 * @param optionLines for each key of {@code options}, the 1-based line on which the key stands
 *     (for a repeated key, the occurrence whose value wins); keys without a known line are absent
 */
public record SqlStatement(Kind kind, String name, Map<String, String> options,
        Optional<String> likeTable, int line, Map<String, Integer> optionLines) {

    /** What a statement declares. */
    public enum Kind {
        /**
         * {@code CREATE [OR REPLACE] [TEMPORARY] TABLE}, {@code REPLACE TABLE} (including the
         * {@code AS SELECT} forms) and {@code CREATE [OR ALTER] MATERIALIZED TABLE}.
         */
        TABLE,
        /** {@code CREATE CATALOG}. */
        CATALOG,
        /** {@code ALTER TABLE name SET (...)}, which can change a table's connector or formats. */
        ALTER_TABLE,
        /** Anything else: {@code SET}, {@code INSERT}, views, functions, statement sets, .... */
        OTHER
    }

    /**
     * Creates a statement; the options are copied, keeping their order.
     *
     * @param kind what the statement declares
     * @param name the declared object's name, empty for {@link Kind#OTHER}
     * @param options the declared options in the order written
     * @param likeTable the source table of a {@code LIKE} clause, if any
     * @param line the 1-based line on which the statement starts
     * @param optionLines the 1-based line of each option key, where known
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    public SqlStatement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(likeTable, "likeTable");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
        optionLines = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(optionLines, "optionLines")));
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }

    /**
     * Creates a statement without the lines of its option keys.
     *
     * @param kind what the statement declares
     * @param name the declared object's name, empty for {@link Kind#OTHER}
     * @param options the declared options in the order written
     * @param likeTable the source table of a {@code LIKE} clause, if any
     * @param line the 1-based line on which the statement starts
     */
    public SqlStatement(Kind kind, String name, Map<String, String> options, Optional<String> likeTable, int line) {
        this(kind, name, options, likeTable, line, Map.of());
    }

    /**
     * The line a problem about an option key points at.
     *
     * @param key an option key
     * @return the 1-based line on which the key stands in the script, or the statement's line when
     *     the key is not written there (e.g. a required option that is missing)
     */
    public int lineOf(String key) {
        return optionLines.getOrDefault(key, line);
    }

    /**
     * Creates a statement of kind {@link Kind#OTHER}, which has no name, options or source table.
     *
     * @param line the 1-based line on which the statement starts
     * @return the statement
     */
    public static SqlStatement other(int line) {
        return new SqlStatement(Kind.OTHER, "", Map.of(), Optional.empty(), line);
    }
}
