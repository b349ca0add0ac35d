package dev.flinkregistry.server.validate;

import dev.flinkregistry.client.sql.FlinkSqlScanner;
import dev.flinkregistry.client.sql.SqlStatement;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.connector.ConnectorQueries;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/workspaces/{workspace}/validate}: checks a {@code WITH (...)} option map, or
 * every {@code CREATE TABLE} / {@code CREATE CATALOG} of a SQL script, against the options the
 * workspace's connectors (current versions) and its Flink version's built-in factories declare.
 */
@RestController
class ValidateController {

    private final WorkspaceService workspaces;
    private final ConnectorQueries connectors;
    private final AnalysisService analysis;

    ValidateController(WorkspaceService workspaces, ConnectorQueries connectors, AnalysisService analysis) {
        this.workspaces = workspaces;
        this.connectors = connectors;
        this.analysis = analysis;
    }

    /**
     * Either options (with {@code connector}, or {@code type} for a catalog, or an {@code identifier}
     * that stands for it) or a SQL script.
     *
     * @param family {@code table-connector} (default) or {@code catalog}
     */
    record ValidateRequest(String family, String identifier, @Size(max = 1000) Map<String, String> options,
                           @Size(max = 1_000_000) String sql) {}

    /** The verdict for one option map: a statement of the script, or the options sent. */
    record StatementResult(String kind, String name, Integer line, ValidationResult result) {}

    /** The verdict for the whole request. */
    record ValidateResponse(boolean valid, List<StatementResult> results) {}

    @PostMapping("/api/v1/workspaces/{workspace}/validate")
    ValidateResponse validate(@PathVariable String workspace, @Valid @RequestBody ValidateRequest request) {
        WorkspaceInfo ws = workspaces.get(workspace);
        FactoryLookup lookup = ((FactoryLookup) (family, identifier) -> connectors.currentFactory(ws.id(), family,
                identifier)).orElse(FactoryLookup.of(analysis.runtime(ws.flinkVersion()).builtinFactories()));
        OptionValidator validator = new OptionValidator(ws.flinkVersion());
        List<StatementResult> results = new ArrayList<>();
        if (request.options() != null) {
            String family = request.family() == null || request.family().isBlank()
                    ? OptionValidator.TABLE_CONNECTOR : request.family();
            if (!family.equals(OptionValidator.TABLE_CONNECTOR) && !family.equals(OptionValidator.CATALOG)) {
                throw new UnsupportedFamilyException(family);
            }
            Map<String, String> options = new LinkedHashMap<>(request.options());
            if (request.identifier() != null) {
                options.putIfAbsent(OptionValidator.CATALOG.equals(family) ? "type" : "connector", request.identifier());
            }
            results.add(new StatementResult("OPTIONS", null, null, validator.validate(family, options, lookup)));
        }
        if (request.sql() != null) {
            for (SqlStatement statement : FlinkSqlScanner.statements(request.sql())) {
                String family = switch (statement.kind()) {
                    case TABLE -> OptionValidator.TABLE_CONNECTOR;
                    case CATALOG -> OptionValidator.CATALOG;
                    default -> null;
                };
                if (family != null && !statement.options().isEmpty()) {
                    results.add(new StatementResult(statement.kind().name(), statement.name(), statement.line(),
                            validator.validate(family, statement.options(), lookup)));
                }
            }
        }
        if (results.isEmpty()) {
            throw new NothingToValidateException();
        }
        return new ValidateResponse(results.stream().allMatch(r -> r.result().valid()), results);
    }
}
