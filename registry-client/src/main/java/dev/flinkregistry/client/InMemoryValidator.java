package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.sql.FlinkSqlScanner;
import dev.flinkregistry.sql.SqlScanException;
import dev.flinkregistry.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates option maps as far as {@link InMemoryRegistryClient} can: whether the table's
 * {@code connector} or the catalog's {@code type} names a factory of that family, registered or
 * built into Flink. It knows no options, so it never reports an unknown, missing or invalid one.
 */
final class InMemoryValidator {

    private static final String TABLE_CONNECTOR = "table-connector";
    private static final String CATALOG = "catalog";

    /** Whether a current version, or Flink itself, offers the identifier in the family. */
    @FunctionalInterface
    interface Lookup {
        boolean offers(String family, String identifier);
    }

    private final Lookup lookup;

    InMemoryValidator(Lookup lookup) {
        this.lookup = lookup;
    }

    /** A table's options, or a catalog's when they have a {@code type} and no {@code connector}. */
    Validation options(Map<String, String> options) {
        String family = !options.containsKey("connector") && options.containsKey("type") ? CATALOG : TABLE_CONNECTOR;
        Validation.Result result = check(family, options);
        return new Validation(result.valid(), List.of(new Validation.StatementResult("OPTIONS", null, null, result)));
    }

    /** Every {@code CREATE TABLE} and {@code CREATE CATALOG} with options; refused when there is none. */
    Validation sql(String sql) {
        List<Validation.StatementResult> results = new ArrayList<>();
        for (SqlStatement statement : statements(sql)) {
            String family = switch (statement.kind()) {
                case TABLE -> TABLE_CONNECTOR;
                case CATALOG -> CATALOG;
                default -> null;
            };
            if (family != null && !statement.options().isEmpty()) {
                results.add(new Validation.StatementResult(statement.kind().name(), statement.name(), statement.line(),
                        check(family, statement.options())));
            }
        }
        if (results.isEmpty()) {
            throw InMemoryProblems.nothingToValidate();
        }
        return new Validation(results.stream().allMatch(r -> r.result().valid()), results);
    }

    private Validation.Result check(String family, Map<String, String> options) {
        String key = CATALOG.equals(family) ? "type" : "connector";
        String identifier = options.get(key);
        if (identifier == null) {
            String kind = CATALOG.equals(family) ? "Catalog" : "Table";
            return invalid(null, "MISSING_IDENTIFIER", key, kind + " options have no '" + key + "' key naming the "
                    + family + " factory to use.");
        }
        if (!lookup.offers(family, identifier)) {
            return invalid(identifier, "UNKNOWN_IDENTIFIER", key, "No factory of family '" + family
                    + "' has the identifier '" + identifier + "': Flink would report that it could not find any "
                    + "factory for it.");
        }
        return new Validation.Result(true, identifier, List.of());
    }

    private static Validation.Result invalid(String identifier, String code, String key, String message) {
        return new Validation.Result(false, identifier, List.of(new Validation.Problem(code, "ERROR", key, message,
                null)));
    }

    private static List<SqlStatement> statements(String sql) {
        try {
            return FlinkSqlScanner.statements(sql);
        } catch (SqlScanException e) {
            throw InMemoryProblems.invalidSql(e);
        }
    }
}
