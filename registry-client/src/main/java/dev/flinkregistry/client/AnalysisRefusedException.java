package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Finding;
import java.util.List;
import java.util.Map;

/** The JAR was analysed and refused (422 {@code ANALYSIS_REFUSED}); {@link #findings()} say why. */
public class AnalysisRefusedException extends RegistryProblemException {

    /** The findings that made the analysis refuse the JAR. */
    private final List<Finding> findings;

    /** A refusal with the problem's detail, its other members, and the analysis findings that caused it. */
    public AnalysisRefusedException(String detail, Map<String, Object> properties, List<Finding> findings) {
        super(422, "ANALYSIS_REFUSED", detail, properties);
        this.findings = List.copyOf(findings);
    }

    /** Every finding of the analysis, errors first. */
    public List<Finding> findings() {
        return findings;
    }
}
