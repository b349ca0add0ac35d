package dev.flinkregistry.sql;

import dev.flinkregistry.model.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds, in a Flink SQL script, the tables and catalogs it declares and the connector, format and
 * catalog identifiers it therefore needs, without Flink on the class path.
 *
 * <p>This is a scanner, not a parser: it understands Flink's lexical rules exactly (comments,
 * string literals, back-quoted identifiers, case-insensitive keywords) and the shape of the
 * statements that carry options, and skips everything else. It recognises
 * <ul>
 *   <li>{@code CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name [(columns...)]
 *       [COMMENT '...'] [PARTITIONED BY (...)] [WITH (...)] [LIKE source [(...)]]
 *       [AS query]}, {@code REPLACE TABLE ...} and {@code CREATE [OR ALTER] MATERIALIZED TABLE
 *       ...} as {@link SqlStatement.Kind#TABLE};</li>
 *   <li>{@code CREATE CATALOG [IF NOT EXISTS] name [COMMENT '...'] WITH (...)} as
 *       {@link SqlStatement.Kind#CATALOG};</li>
 *   <li>{@code ALTER TABLE [IF EXISTS] name SET (...)} as
 *       {@link SqlStatement.Kind#ALTER_TABLE};</li>
 *   <li>every other statement ({@code SET}, {@code INSERT}, {@code EXECUTE STATEMENT SET BEGIN
 *       ... END}, views, functions, ...) as {@link SqlStatement.Kind#OTHER}.</li>
 * </ul>
 *
 * <p>Statements are separated by {@code ;} outside strings, quoted identifiers and comments; an
 * {@code EXECUTE STATEMENT SET BEGIN ... END} block is one statement.
 *
 * <p>Malformed input never yields a partial result: both methods throw {@link SqlScanException},
 * naming the 1-based line, for an unterminated string literal, back-quoted identifier or block
 * comment, unbalanced parentheses, an unclosed statement set, a table or catalog declaration
 * without a name, or a {@code WITH (...)} clause that is not a list of
 * {@code 'key' = 'value'} string pairs. Other syntax errors are left to Flink.
 *
 * <p>Limitations: options a table inherits through {@code LIKE}, options given in
 * {@code /*+ OPTIONS(...) *}{@code /} hints (hints are comments to this scanner), the legacy
 * {@code connector.type} / {@code format.type} keys and the Hive dialect are not considered.
 *
 * <p>All methods are thread-safe; the class holds no state.
 */
public final class FlinkSqlScanner {

    private FlinkSqlScanner() {
    }

    /**
     * Splits a script into its statements and reads the declaration of each table and catalog.
     *
     * @param script the Flink SQL script, in any line-ending style
     * @return the non-empty statements in script order (an empty or comment-only script has none)
     * @throws SqlScanException if the script is malformed as described in the class comment
     * @throws NullPointerException if {@code script} is null
     */
    public static List<SqlStatement> statements(String script) {
        Objects.requireNonNull(script, "script");
        List<SqlStatement> statements = new ArrayList<>();
        for (List<Token> statement : StatementSplitter.split(SqlTokenizer.tokenize(script))) {
            statements.add(StatementParser.parse(statement));
        }
        return List.copyOf(statements);
    }

    /**
     * Lists the factory identifiers a script needs: each {@code 'connector'} value of a table
     * (family {@link Family#TABLE_CONNECTOR}), each value of a table option named
     * {@code format} or ending in {@code .format}, such as {@code key.format} and
     * {@code value.format} (family {@link Family#FORMAT}), and each
     * {@code 'type'} value of a catalog (family {@link Family#CATALOG}).
     *
     * <p>Each (family, identifier) pair appears once, in order of first use, with all its
     * locations. Blank values are ignored. Flink's built-in identifiers ({@code datagen},
     * {@code filesystem}, {@code json}, ...) are <em>not</em> removed, because they depend on the
     * Flink version; callers that know the version filter them, for example:
     * <pre>{@code
     * List<RequiredIdentifier> toFetch = FlinkSqlScanner.requiredIdentifiers(script).stream()
     *         .filter(required -> !builtIns.contains(required.identifier()))
     *         .toList();
     * }</pre>
     *
     * @param script the Flink SQL script, in any line-ending style
     * @return the required identifiers, possibly empty
     * @throws SqlScanException if the script is malformed as described in the class comment
     * @throws NullPointerException if {@code script} is null
     */
    public static List<RequiredIdentifier> requiredIdentifiers(String script) {
        Map<Map.Entry<Family, String>, List<IdentifierLocation>> found = new LinkedHashMap<>();
        for (SqlStatement statement : statements(script)) {
            statement.options().forEach((key, value) -> familyOf(statement.kind(), key)
                    .filter(family -> !value.isBlank())
                    .ifPresent(family -> found.computeIfAbsent(Map.entry(family, value), k -> new ArrayList<>())
                            .add(new IdentifierLocation(statement.line(), statement.name(), key))));
        }
        List<RequiredIdentifier> required = new ArrayList<>();
        found.forEach((familyAndIdentifier, locations) -> required.add(
                new RequiredIdentifier(familyAndIdentifier.getKey(), familyAndIdentifier.getValue(), locations)));
        return List.copyOf(required);
    }

    /** The family an option's value is looked up in, if the option names a factory. */
    private static Optional<Family> familyOf(SqlStatement.Kind kind, String key) {
        switch (kind) {
            case TABLE, ALTER_TABLE -> {
                if (key.equals("connector")) {
                    return Optional.of(Family.TABLE_CONNECTOR);
                }
                boolean format = key.equals("format") || key.endsWith(".format");
                return format ? Optional.of(Family.FORMAT) : Optional.empty();
            }
            case CATALOG -> {
                return key.equals("type") ? Optional.of(Family.CATALOG) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
