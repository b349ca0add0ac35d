package dev.flinkregistry.server.analysis;

import dev.flinkregistry.server.RegistryException;

/**
 * The remote analysis service gave no usable answer (down, too slow, refused the token, failed, or
 * answered something this server does not believe), so the JAR was not analysed and nothing was stored.
 */
public class AnalysisServiceUnavailableException extends RegistryException {

    /** How long a client should wait before it tries again. */
    public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(10);

    private final String reason;

    AnalysisServiceUnavailableException(String reason) {
        super("The analysis service could not analyse the JAR (" + reason + "); nothing was stored. Try again "
                + "shortly; if it persists, an operator finds the cause in the health of the registry's analysis.");
        this.reason = reason;
    }

    /** What went wrong, e.g. {@code the service cannot be reached: ConnectException}. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "ANALYSIS_SERVICE_UNAVAILABLE";
    }
}
