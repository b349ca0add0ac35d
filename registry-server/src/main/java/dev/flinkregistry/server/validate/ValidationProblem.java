package dev.flinkregistry.server.validate;

import dev.flinkregistry.analyzer.Severity;

/**
 * One finding about an option map.
 *
 * @param code what kind of problem it is
 * @param severity {@code ERROR} when Flink would refuse the table or catalog, {@code WARNING} otherwise
 * @param key the option key the problem is about
 * @param message a sentence for people
 * @param suggestion what to write instead (a key or a value), or null when there is no good guess
 * @param line in a script, the 1-based line of the key where the statement writes it, else the
 *     statement's line; null for an option map sent as such
 */
public record ValidationProblem(ValidationCode code, Severity severity, String key, String message, String suggestion,
                                Integer line) {

    static ValidationProblem error(ValidationCode code, String key, String message, String suggestion) {
        return new ValidationProblem(code, Severity.ERROR, key, message, suggestion, null);
    }

    static ValidationProblem warning(ValidationCode code, String key, String message, String suggestion) {
        return new ValidationProblem(code, Severity.WARNING, key, message, suggestion, null);
    }

    /** The same problem, placed at a line of the script. */
    ValidationProblem at(int line) {
        return new ValidationProblem(code, severity, key, message, suggestion, line);
    }
}
