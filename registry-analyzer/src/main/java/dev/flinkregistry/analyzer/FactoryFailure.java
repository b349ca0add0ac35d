package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * Why a factory did not load: a stable code, a message a user acts on, and the evidence.
 *
 * @param skippedByFlink whether Flink's discovery skips this factory (its class cannot be loaded:
 *     {@code NoClassDefFoundError}), so that the JAR's other factories still work; otherwise the
 *     failure makes Flink's discovery fail (a {@code ServiceConfigurationError}) or the factory fail when used
 */
public record FactoryFailure(String code, String message, String exception, List<String> stackTrace,
                             boolean skippedByFlink) {

    public FactoryFailure {
        stackTrace = stackTrace == null ? List.of() : List.copyOf(stackTrace);
    }

    /** A failure that Flink's discovery does not skip. */
    public FactoryFailure(String code, String message, String exception, List<String> stackTrace) {
        this(code, message, exception, stackTrace, false);
    }
}
