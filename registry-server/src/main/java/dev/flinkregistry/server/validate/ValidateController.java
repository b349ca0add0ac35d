package dev.flinkregistry.server.validate;

import dev.flinkregistry.server.validate.ValidationService.ValidateResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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

    private final ValidationService validation;

    ValidateController(ValidationService validation) {
        this.validation = validation;
    }

    /**
     * Either options (with {@code connector}, or {@code type} for a catalog, or an {@code identifier}
     * that stands for it) or a SQL script.
     *
     * @param family {@code table-connector} (default) or {@code catalog}
     */
    record ValidateRequest(String family, String identifier, @Size(max = 1000) Map<String, String> options,
                           @Size(max = 1_000_000) String sql) {}

    @PostMapping("/api/v1/workspaces/{workspace}/validate")
    ValidateResponse validate(@PathVariable String workspace, @Valid @RequestBody ValidateRequest request) {
        return validation.validate(workspace, request.family(), request.identifier(), request.options(),
                request.sql());
    }
}
