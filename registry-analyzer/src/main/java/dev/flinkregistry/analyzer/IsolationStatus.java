package dev.flinkregistry.analyzer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether analyses can run, and isolated how.
 *
 * @param available whether workers can run with the configured isolation
 * @param mechanism the mechanism that runs them ({@link Isolation#NONE} when an operator chose no
 *     isolation), or the one that was asked for when none works
 * @param reason in words an operator acts on: what runs the workers, or what to install or
 *     configure to make isolation work
 */
public record IsolationStatus(boolean available, Isolation mechanism, String reason) {

    /**
     * Whether workers run isolated by the operating system (available, and not {@link Isolation#NONE}).
     * Derived: written to JSON for readers (the analysis service's answer), never read back.
     */
    @JsonProperty(value = "isolated", access = JsonProperty.Access.READ_ONLY)
    public boolean isolated() {
        return available && mechanism != Isolation.NONE;
    }
}
