package dev.flinkregistry.analyzer;

import java.util.List;

/** Why a factory did not load: a stable code, a message a user acts on, and the evidence. */
public record FactoryFailure(String code, String message, String exception, List<String> stackTrace) {

    public FactoryFailure {
        stackTrace = stackTrace == null ? List.of() : List.copyOf(stackTrace);
    }
}
