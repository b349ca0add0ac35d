package dev.flinkregistry.analyzer;

/**
 * Analyses are refused because the worker cannot be isolated as configured (DESIGN rule 3): uploaded
 * code never runs unisolated unless an operator chose {@link Isolation#NONE}.
 */
public final class SandboxUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IsolationStatus status;

    public SandboxUnavailableException(IsolationStatus status) {
        super("Analysis refused: the worker cannot be isolated. " + status.reason());
        this.status = status;
    }

    /** What is missing, and what to install or configure. */
    public IsolationStatus status() {
        return status;
    }

    /** The operator-facing reason, as in {@link IsolationStatus#reason()}. */
    public String reason() {
        return status.reason();
    }
}
