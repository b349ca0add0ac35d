package dev.flinkregistry.client.model;

import java.util.List;

/**
 * The verdict on option maps or the {@code CREATE TABLE} / {@code CREATE CATALOG} statements of a script.
 *
 * @param valid whether everything is valid
 * @param results one verdict per option map
 */
public record Validation(boolean valid, List<StatementResult> results) {

    /** The verdict for one option map: a statement of the script, or the options sent. */
    public record StatementResult(String kind, String name, Integer line, Result result) {}

    /** The problems of one option map. */
    public record Result(boolean valid, String identifier, List<Problem> problems) {}

    /**
     * One problem.
     *
     * @param code {@code UNKNOWN_OPTION}, {@code MISSING_REQUIRED_OPTION}, {@code INVALID_VALUE}, …
     * @param severity {@code ERROR} or {@code WARNING}
     * @param key the option key concerned
     * @param message what is wrong
     * @param suggestion the closest valid key, for a misspelt one
     */
    public record Problem(String code, String severity, String key, String message, String suggestion) {}
}
