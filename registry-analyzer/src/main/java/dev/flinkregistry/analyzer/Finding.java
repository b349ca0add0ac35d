package dev.flinkregistry.analyzer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One problem the analysis found.
 *
 * @param code stable, machine-readable code (see {@link FindingCode})
 * @param severity whether it refuses registration
 * @param message what is wrong and what to do about it, in words a user acts on
 * @param subject what it is about (a class, an entry, a package), or null for the whole JAR
 * @param details supporting facts, e.g. one line per package with its class count
 */
public record Finding(String code, Severity severity, String message, String subject, List<String> details) {

    public Finding {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /**
     * Whether this finding alone refuses a registration ({@link FindingCode#refuses}). Derived, so
     * it is written to JSON for readers and never read back.
     */
    @JsonProperty(value = "refuses", access = JsonProperty.Access.READ_ONLY)
    public boolean refuses() {
        return FindingCode.refuses(this);
    }

    /**
     * Whether a workspace admin may register a JAR despite this finding ({@link FindingCode#acceptable()});
     * false for a code this analyzer does not know. Derived like {@link #refuses()}.
     */
    @JsonProperty(value = "acceptable", access = JsonProperty.Access.READ_ONLY)
    public boolean acceptable() {
        return FindingCode.acceptable(code);
    }

    static Finding of(FindingCode code, String message, String subject, List<String> details) {
        return new Finding(code.name(), code.severity(), message, subject, details);
    }

    static Finding of(FindingCode code, String message) {
        return of(code, message, null, List.of());
    }
}
