package dev.flinkregistry.analyzer;

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

    static Finding of(FindingCode code, String message, String subject, List<String> details) {
        return new Finding(code.name(), code.severity(), message, subject, details);
    }

    static Finding of(FindingCode code, String message) {
        return of(code, message, null, List.of());
    }
}
