package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.server.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DESIGN rule 2: the analysis found errors, so the JAR is not registered. */
public class AnalysisRefusedException extends RegistryException {

    private final JarAnalysis analysis;

    public AnalysisRefusedException(JarAnalysis analysis) {
        super(summary(analysis));
        this.analysis = analysis;
    }

    private static String summary(JarAnalysis analysis) {
        List<Finding> errors = analysis.refusals();
        if (errors.isEmpty()) {
            return "The JAR offers no factory that loads in Flink " + analysis.flinkVersion();
        }
        return "The JAR cannot be registered for Flink " + analysis.flinkVersion() + ": " + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
    }

    @Override
    public String code() {
        return "ANALYSIS_REFUSED";
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("findings", analysis.findings());
        properties.put("factories", analysis.factories());
        return properties;
    }
}
