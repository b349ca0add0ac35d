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
 */
public record SqlStatement(Kind kind, String name, Map<String, String> options,
        Optional<String> likeTable, int line) {

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
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    public SqlStatement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(likeTable, "likeTable");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
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
