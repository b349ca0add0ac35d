package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's API: analyse a JAR sent as the body ({@code POST /v1/analyses}), and what the registry
 * server needs besides — a Flink line's facts and whether analyses run isolated. Every call carries the
 * bearer token ({@link BearerTokenFilter}).
 */
@RestController
class AnalysesController {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_FILE_NAME = 255;

    private final Analyses analyses;
    private final IncomingJars incoming;

    AnalysesController(Analyses analyses, IncomingJars incoming) {
        this.analyses = analyses;
        this.incoming = incoming;
    }

    /**
     * The analysis of the body's JAR for {@code flinkVersion}, reported under {@code fileName}; with
     * {@code sha256}, only when the bytes received are those (a transfer that changed them is refused).
     */
    @PostMapping(path = "/v1/analyses", consumes = {"application/java-archive", "application/octet-stream"},
            produces = "application/json")
    JarAnalysis analyze(@RequestParam(required = false) String flinkVersion,
                        @RequestParam(required = false) String fileName,
                        @RequestParam(required = false) String sha256, HttpServletRequest request) throws IOException {
        if (flinkVersion == null || flinkVersion.isBlank()) {
            throw new ServiceException(400, "INVALID_REQUEST", "The query parameter flinkVersion (e.g. 1.20) is required");
        }
        analyses.runtime(flinkVersion);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new ServiceException(400, "INVALID_REQUEST", "sha256 must be 64 hexadecimal digits");
        }
        if (fileName != null && fileName.length() > MAX_FILE_NAME) {
            throw new ServiceException(400, "INVALID_REQUEST", "fileName is longer than " + MAX_FILE_NAME + " characters");
        }
        try (IncomingJars.Received jar = incoming.receive(request)) {
            if (sha256 != null && !sha256.equalsIgnoreCase(jar.sha256())) {
                throw new ServiceException(422, "CHECKSUM_MISMATCH", "The bytes received have SHA-256 " + jar.sha256()
                        + ", not the " + sha256.toLowerCase(java.util.Locale.ROOT) + " the request named");
            }
            return analyses.analyze(jar.file(), flinkVersion, jar.sha256()).withFileName(fileName);
        }
    }

    @GetMapping(path = "/v1/runtimes/{flinkLine}", produces = "application/json")
    FlinkRuntimeInfo runtime(@PathVariable String flinkLine) {
        return analyses.runtime(flinkLine);
    }

    @GetMapping(path = "/v1/isolation", produces = "application/json")
    IsolationStatus isolation() {
        return analyses.isolation();
    }
}
