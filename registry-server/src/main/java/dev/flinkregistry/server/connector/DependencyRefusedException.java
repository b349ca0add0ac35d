package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.server.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dependency JAR that cannot travel with the connector: an unsafe or unreadable archive
 * ({@code DEPENDENCY_UNSAFE}), one that declares Flink factories ({@code DEPENDENCY_HAS_FACTORIES}:
 * its identifiers would reach jobs without being registered or owned), or one sent twice or equal to
 * the connector's JAR ({@code DUPLICATE_DEPENDENCY}).
 */
public class DependencyRefusedException extends RegistryException {

    private final String code;
    private final String fileName;
    private final List<?> details;

    private DependencyRefusedException(String code, String fileName, String message, List<?> details) {
        super(message);
        this.code = code;
        this.fileName = fileName;
        this.details = details;
    }

    static DependencyRefusedException unsafe(String fileName, List<Finding> findings) {
        return new DependencyRefusedException("DEPENDENCY_UNSAFE", fileName, "The dependency JAR '" + fileName
                + "' is not a safe, readable archive: " + findings.get(0).message(), findings);
    }

    static DependencyRefusedException hasFactories(String fileName, List<String> factories) {
        return new DependencyRefusedException("DEPENDENCY_HAS_FACTORIES", fileName, "The dependency JAR '" + fileName
                + "' declares Flink factories (" + factories.get(0) + (factories.size() > 1 ? ", …" : "")
                + "): on a job's class path they would offer identifiers the registry neither checked nor owns. "
                + "Register it as a connector of its own.", factories);
    }

    static DependencyRefusedException duplicate(String fileName, String sha256) {
        return new DependencyRefusedException("DUPLICATE_DEPENDENCY", fileName, "The dependency JAR '" + fileName
                + "' (SHA-256 " + sha256 + ") is sent twice, or is the connector's own JAR", List.of(sha256));
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("dependency", fileName);
        properties.put(code.equals("DEPENDENCY_UNSAFE") ? "findings" : code.equals("DUPLICATE_DEPENDENCY")
                ? "sha256" : "factories", code.equals("DUPLICATE_DEPENDENCY") ? details.get(0) : details);
        return properties;
    }
}
