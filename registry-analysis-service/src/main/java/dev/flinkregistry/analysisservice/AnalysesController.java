package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's API: analyse a JAR sent as the body, or a JAR and its dependency JARs sent as a form
 * ({@code POST /v1/analyses}), and what the registry
 * server needs besides — a Flink line's facts and whether analyses run isolated. Every call carries the
 * bearer token ({@link BearerTokenFilter}).
 */
@RestController
class AnalysesController {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_FILE_NAME = 255;

    private final Analyses analyses;
    private final IncomingJars incoming;
    private final IncomingForm forms;

    AnalysesController(Analyses analyses, IncomingJars incoming, IncomingForm forms) {
        this.analyses = analyses;
        this.incoming = incoming;
        this.forms = forms;
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
        checkQuery(flinkVersion, fileName, sha256, List.of());
        try (IncomingJars.Received jar = incoming.receive(request)) {
            checkDigest(sha256, jar.sha256(), "The bytes received");
            return analyses.analyze(jar.file(), flinkVersion, jar.sha256()).withFileName(fileName);
        }
    }

    /**
     * The same, for a {@code multipart/form-data} body: the {@code jar} part analysed with the
     * {@code dependency} parts on its class path after it, in the order sent; {@code dependencySha256},
     * when given, names each dependency's digest in that order.
     */
    @PostMapping(path = "/v1/analyses", consumes = "multipart/form-data", produces = "application/json")
    JarAnalysis analyzeWithDependencies(@RequestParam(required = false) String flinkVersion,
                                        @RequestParam(required = false) String fileName,
                                        @RequestParam(required = false) String sha256,
                                        @RequestParam(required = false) List<String> dependencySha256,
                                        HttpServletRequest request) throws IOException {
        List<String> dependencyDigests = dependencySha256 == null ? List.of() : dependencySha256;
        checkQuery(flinkVersion, fileName, sha256, dependencyDigests);
        try (IncomingForm.Received form = forms.receive(request)) {
            checkDigest(sha256, form.jar().sha256(), "The JAR received");
            if (!dependencyDigests.isEmpty() && dependencyDigests.size() != form.dependencies().size()) {
                throw new ServiceException(400, "INVALID_REQUEST", "dependencySha256 names " + dependencyDigests.size()
                        + " digests for " + form.dependencies().size() + " 'dependency' parts");
            }
            for (int i = 0; i < dependencyDigests.size(); i++) {
                checkDigest(dependencyDigests.get(i), form.dependencies().get(i).sha256(), "Dependency " + (i + 1));
            }
            return analyses.analyze(form.jar().file(), flinkVersion, form.jar().sha256(), form.dependencyFiles())
                    .withFileName(fileName);
        }
    }

    /** Everything the query says is checked before a byte of the body is read. */
    private void checkQuery(String flinkVersion, String fileName, String sha256, List<String> dependencySha256) {
        if (flinkVersion == null || flinkVersion.isBlank()) {
            throw new ServiceException(400, "INVALID_REQUEST", "The query parameter flinkVersion (e.g. 1.20) is required");
        }
        analyses.runtime(flinkVersion);
        if (sha256 != null && !SHA256.matcher(sha256).matches()
                || dependencySha256.stream().anyMatch(digest -> !SHA256.matcher(digest).matches())) {
            throw new ServiceException(400, "INVALID_REQUEST", "sha256 and dependencySha256 must be 64 hexadecimal digits");
        }
        if (fileName != null && fileName.length() > MAX_FILE_NAME) {
            throw new ServiceException(400, "INVALID_REQUEST", "fileName is longer than " + MAX_FILE_NAME + " characters");
        }
    }

    private static void checkDigest(String expected, String received, String what) {
        if (expected != null && !expected.equalsIgnoreCase(received)) {
            throw new ServiceException(422, "CHECKSUM_MISMATCH", what + ": SHA-256 " + received
                    + ", not the " + expected.toLowerCase(Locale.ROOT) + " the request named");
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
