package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Turns an error answer (a problem document, or whatever a proxy sent) into its typed exception. */
final class Problems {

    private Problems() {}

    /** The exception for an answer with this status and body: 401, 403, 404, 409 and ANALYSIS_REFUSED get their own types. */
    static RegistryProblemException of(int status, byte[] body) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String code = "HTTP_" + status;
        String detail = "HTTP " + status;
        try {
            JsonNode problem = Json.MAPPER.readTree(body);
            if (problem != null && problem.isObject()) {
                code = problem.path("code").asString(code);
                detail = problem.path("detail").asString(problem.path("title").asString(detail));
                for (Map.Entry<String, JsonNode> member : problem.properties()) {
                    properties.put(member.getKey(), Json.MAPPER.treeToValue(member.getValue(), Object.class));
                }
            }
        } catch (RuntimeException notJson) {
            detail = new String(body, StandardCharsets.UTF_8);
        }
        return switch (status) {
            case 401 -> new AuthenticationException(code, detail, properties);
            case 403 -> new AccessDeniedException(code, detail, properties);
            case 404 -> new NotFoundException(code, detail, properties);
            case 409 -> new ConflictException(code, detail, properties);
            default -> "ANALYSIS_REFUSED".equals(code)
                    ? new AnalysisRefusedException(detail, properties, findings(properties.get("findings")))
                    : new RegistryProblemException(status, code, detail, properties);
        };
    }

    private static List<Finding> findings(Object raw) {
        List<Finding> findings = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                findings.add(Json.MAPPER.convertValue(item, Finding.class));
            }
        }
        return findings;
    }
}
