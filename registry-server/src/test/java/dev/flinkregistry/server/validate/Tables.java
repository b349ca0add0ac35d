package dev.flinkregistry.server.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for validating option maps against {@link AnalysedFactories} with Flink 1.20's value syntax. */
final class Tables {

    private static final OptionValidator VALIDATOR = new OptionValidator(AnalysedFactories.FLINK);

    private Tables() {}

    /** Validates a table's options given as key, value, key, value, … */
    static ValidationResult table(String... keysAndValues) {
        return VALIDATOR.validate(OptionValidator.TABLE_CONNECTOR, options(keysAndValues), AnalysedFactories.lookup());
    }

    /** An ordered, modifiable map of key, value, key, value, … */
    static Map<String, String> options(String... keysAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return options;
    }

    /** The one problem of the result. */
    static ValidationProblem single(ValidationResult result) {
        assertThat(result.problems()).hasSize(1);
        return result.problems().get(0);
    }
}
