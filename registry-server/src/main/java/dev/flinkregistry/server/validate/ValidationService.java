package dev.flinkregistry.server.validate;

import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.resolve.CurrentOffers;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import dev.flinkregistry.sql.FlinkSqlScanner;
import dev.flinkregistry.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Checks option maps and a script's {@code CREATE TABLE} / {@code CREATE CATALOG} statements
 * against what the workspace's connectors (current versions) and its Flink version's built-in
 * factories declare.
 */
@Service
class ValidationService {

    private final WorkspaceService workspaces;
    private final CurrentOffers offers;
    private final AnalysisService analysis;

    ValidationService(WorkspaceService workspaces, CurrentOffers offers, AnalysisService analysis) {
        this.workspaces = workspaces;
        this.offers = offers;
        this.analysis = analysis;
    }

    /** The verdict for one option map: a statement of the script, or the options sent. */
    record StatementResult(String kind, String name, Integer line, ValidationResult result) {}

    /** The verdict for the whole request. */
    record ValidateResponse(boolean valid, List<StatementResult> results) {}

    /**
     * Validates the options (with {@code identifier} standing for their connector or catalog type,
     * family {@code table-connector} when null) and every statement of the script with options;
     * either may be null, not both.
     */
    ValidateResponse validate(String workspace, String family, String identifier, Map<String, String> options, String sql) {
        WorkspaceInfo ws = workspaces.get(workspace);
        FactoryLookup lookup = ((FactoryLookup) (f, id) -> offers.factory(ws.id(), f, id))
                .orElse(FactoryLookup.of(analysis.runtime(ws.flinkVersion()).builtinFactories()));
        OptionValidator validator = new OptionValidator(ws.flinkVersion());
        List<StatementResult> results = new ArrayList<>();
        if (options != null) {
            results.add(validateOptions(validator, lookup, family, identifier, options));
        }
        if (sql != null) {
            for (SqlStatement statement : FlinkSqlScanner.statements(sql)) {
                String statementFamily = switch (statement.kind()) {
                    case TABLE -> OptionValidator.TABLE_CONNECTOR;
                    case CATALOG -> OptionValidator.CATALOG;
                    default -> null;
                };
                if (statementFamily != null && !statement.options().isEmpty()) {
                    results.add(new StatementResult(statement.kind().name(), statement.name(), statement.line(),
                            placed(statement, validator.validate(statementFamily, statement.options(), lookup))));
                }
            }
        }
        if (results.isEmpty()) {
            throw new NothingToValidateException();
        }
        return new ValidateResponse(results.stream().allMatch(r -> r.result().valid()), results);
    }

    /** Each problem at the line of its key in the statement, or at the statement's line. */
    private static ValidationResult placed(SqlStatement statement, ValidationResult result) {
        return new ValidationResult(result.valid(), result.identifier(),
                result.problems().stream().map(p -> p.at(statement.lineOf(p.key()))).toList());
    }

    private static StatementResult validateOptions(OptionValidator validator, FactoryLookup lookup, String family,
                                                   String identifier, Map<String, String> options) {
        String checked = family == null || family.isBlank() ? OptionValidator.TABLE_CONNECTOR : family;
        if (!checked.equals(OptionValidator.TABLE_CONNECTOR) && !checked.equals(OptionValidator.CATALOG)) {
            throw new UnsupportedFamilyException(checked);
        }
        Map<String, String> withIdentifier = new LinkedHashMap<>(options);
        if (identifier != null) {
            withIdentifier.putIfAbsent(OptionValidator.CATALOG.equals(checked) ? "type" : "connector", identifier);
        }
        return new StatementResult("OPTIONS", null, null, validator.validate(checked, withIdentifier, lookup));
    }
}
