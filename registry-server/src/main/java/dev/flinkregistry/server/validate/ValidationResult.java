package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.Severity;
import java.util.List;

/**
 * The verdict on an option map.
 *
 * @param valid no problem is an error, so Flink would accept the options at planning time
 * @param identifier the connector or catalog identifier the map names, or null when it names none
 * @param problems errors and warnings, in the order of the keys they concern
 */
public record ValidationResult(boolean valid, String identifier, List<ValidationProblem> problems) {

    public ValidationResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static ValidationResult of(String identifier, List<ValidationProblem> problems) {
        return new ValidationResult(problems.stream().noneMatch(p -> p.severity() == Severity.ERROR),
                identifier, problems);
    }

    /** The problems that make Flink refuse the options. */
    public List<ValidationProblem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    /** The problems Flink tolerates. */
    public List<ValidationProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }
}
