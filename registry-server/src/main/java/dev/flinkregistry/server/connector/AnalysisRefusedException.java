package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.server.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DESIGN rule 2: the analysis found errors, so the JAR is not registered. Says which of them a
 * workspace admin could accept on purpose, and which were accepted but were not enough.
 */
public class AnalysisRefusedException extends RegistryException {

    private final JarAnalysis analysis;
    private final List<String> refusingCodes;
    private final boolean acceptable;

    /** @param accepted the codes the request accepted (none when it accepted nothing) */
    public AnalysisRefusedException(JarAnalysis analysis, Set<String> accepted) {
        this(analysis, FindingAcceptance.refusing(analysis).stream().filter(code -> !accepted.contains(code)).toList(),
                accepted);
    }

    private AnalysisRefusedException(JarAnalysis analysis, List<String> refusingCodes, Set<String> accepted) {
        super(summary(analysis) + advice(analysis, refusingCodes, accepted));
        this.analysis = analysis;
        this.refusingCodes = refusingCodes;
        this.acceptable = FindingAcceptance.couldAccept(analysis, refusingCodes);
    }

    private static String summary(JarAnalysis analysis) {
        List<Finding> errors = analysis.refusals();
        if (errors.isEmpty()) {
            return "The JAR offers no factory that loads in Flink " + analysis.flinkVersion();
        }
        return "The JAR cannot be registered for Flink " + analysis.flinkVersion() + ": " + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
    }

    /** Which codes still refuse the JAR, and whether an admin may accept them. */
    private static String advice(JarAnalysis analysis, List<String> refusing, Set<String> accepted) {
        if (refusing.isEmpty()) {
            return "";
        }
        StringBuilder advice = new StringBuilder();
        List<String> acceptedHere = FindingAcceptance.refusing(analysis).stream().filter(accepted::contains).toList();
        if (!acceptedHere.isEmpty()) {
            advice.append(" Accepted as asked: ").append(String.join(", ", acceptedHere)).append("; still refusing: ")
                    .append(String.join(", ", refusing)).append('.');
        }
        if (FindingAcceptance.couldAccept(analysis, refusing)) {
            advice.append(" A workspace admin may register it anyway by accepting ").append(String.join(", ", refusing))
                    .append(" on purpose (acceptFindings=").append(String.join(",", refusing))
                    .append(", with an acceptReason).");
        } else {
            List<String> never = refusing.stream().filter(code -> !FindingCode.acceptable(code)).toList();
            if (!never.isEmpty()) {
                advice.append(' ').append(String.join(", ", never)).append(never.size() == 1 ? " is" : " are")
                        .append(" never accepted, so the JAR cannot be registered as it is.");
            }
        }
        return advice.toString();
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
        properties.put("refusingCodes", refusingCodes);
        properties.put("acceptable", acceptable);
        return properties;
    }
}
