package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.FlinkRuntimes;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.UnsupportedFlinkVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each JAR to the remote analysis service ({@code registry.analysis.remote.url}) and reads its
 * analysis back; this server starts and probes no worker of its own. The service runs uploaded code,
 * so its answers are untrusted data: bounded in size, parsed, and checked by {@link RemoteAnswers}
 * before anything builds on them. Every failure is an {@link AnalysisServiceUnavailableException}.
 */
final class RemoteAnalysis implements AnalysisEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteAnalysis.class);

    /** Larger than any analysis (findings and factories are bounded by the analyzer), far below the heap. */
    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For the small questions (runtime, isolation), which the service answers from memory. */
    static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(10);
    /** How long the health repeats the service's last answer instead of asking again. */
    static final Duration HEALTH_CACHE = Duration.ofSeconds(5);
    /** The service's form: one JAR, then its dependencies in class-path order. */
    static final String JAR_PART = "jar";
    static final String DEPENDENCY_PART = "dependency";

    private final URI base;
    private final String authorization;
    private final Duration analysisTimeout;
    private final JsonMapper json;
    private final HttpClient http;
    private final Map<String, FlinkRuntimeInfo> runtimes = new ConcurrentHashMap<>();
    private volatile Checked lastCheck;

    private record Checked(IsolationStatus status, long atNanos) {}

    RemoteAnalysis(AnalysisProperties.Remote remote, Duration timeout, JsonMapper json) {
        String url = remote.url().endsWith("/") ? remote.url() : remote.url() + "/";
        this.base = URI.create(url);
        this.authorization = "Bearer " + remote.token();
        this.analysisTimeout = requestTimeout(timeout);
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * An analysis may run the worker twice (declared, then undeclared factories) and wait up to one
     * analysis timeout for a free slot on the service; the rest covers the transfer and the static scan.
     */
    static Duration requestTimeout(Duration analysisTimeout) {
        return analysisTimeout.multipliedBy(3).plusSeconds(10);
    }

    /** Learns the service's runtimes and isolation in the background, so that the first request need not. */
    @Override
    public void start() {
        Thread warmUp = new Thread(() -> {
            IsolationStatus status = isolation();
            if (!status.available()) {
                LOG.error("Analyses are refused: {}", status.reason());
                return;
            }
            LOG.info("Analyses run in the analysis service at {} ({})", base, status.reason());
            try {
                FlinkRuntimes.SUPPORTED_LINES.forEach(this::runtime);
            } catch (RuntimeException e) {
                LOG.warn("The analysis service's Flink runtimes are not known yet: {}", e.getMessage());
            }
        }, "analysis-service-probe");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public IsolationStatus isolation() {
        Checked last = lastCheck;
        if (last != null && System.nanoTime() - last.atNanos() < HEALTH_CACHE.toNanos()) {
            return last.status();
        }
        IsolationStatus status;
        try {
            status = RemoteAnswers.isolation(json.readTree(get("v1/isolation")));
        } catch (AnalysisServiceUnavailableException | JacksonException e) {
            status = new IsolationStatus(false, dev.flinkregistry.analyzer.Isolation.AUTO,
                    "The analysis service at " + base + " gives no usable answer: " + reason(e));
        }
        lastCheck = new Checked(status, System.nanoTime());
        return status;
    }

    @Override
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException {
        return analyze(jar, flinkLine, sha256, List.of());
    }

    /**
     * A JAR alone goes as the body ({@code application/java-archive}, which every release of the service
     * takes); with dependencies, as a form of a {@code jar} part and {@code dependency} parts in
     * class-path order, each streamed from its file, their digests in the query so the service refuses
     * bytes changed on the way.
     */
    @Override
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256, List<Path> dependencies) throws IOException {
        String digest = sha256 != null ? sha256 : RemoteAnswers.sha256(jar);
        StringBuilder query = new StringBuilder("v1/analyses?flinkVersion=").append(encode(flinkLine))
                .append("&sha256=").append(digest);
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(analysisTimeout)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (dependencies.isEmpty()) {
            request.header("Content-Type", "application/java-archive").POST(HttpRequest.BodyPublishers.ofFile(jar));
        } else {
            FormBody form = new FormBody().file(JAR_PART, "connector.jar", jar);
            for (int i = 0; i < dependencies.size(); i++) {
                form.file(DEPENDENCY_PART, "dependency-" + (i + 1) + ".jar", dependencies.get(i));
                query.append("&dependencySha256=").append(RemoteAnswers.sha256(dependencies.get(i)));
            }
            request.header("Content-Type", form.contentType()).POST(form.publisher());
        }
        byte[] answer;
        try {
            answer = send(request.uri(base.resolve(query.toString())).build(), flinkLine);
        } catch (AnalysisServiceUnavailableException e) {
            LOG.warn("No analysis from the analysis service at {}: {}", base, e.reason());
            throw e;
        }
        try {
            return RemoteAnswers.analysis(json.readValue(answer, JarAnalysis.class), flinkLine, digest,
                    java.nio.file.Files.size(jar));
        } catch (JacksonException e) {
            LOG.warn("The analysis service at {} answered something that is not an analysis", base);
            throw unavailable("answered something that is not an analysis");
        } catch (AnalysisServiceUnavailableException e) {
            LOG.warn("The analysis service at {} answered an analysis this server refuses: {}", base, e.reason());
            throw e;
        }
    }

    @Override
    public FlinkRuntimeInfo runtime(String flinkLine) {
        FlinkRuntimeInfo known = runtimes.get(flinkLine);
        if (known != null) {
            return known;
        }
        if (flinkLine == null || !flinkLine.matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw new UnsupportedFlinkVersionException(String.valueOf(flinkLine), FlinkRuntimes.SUPPORTED_LINES);
        }
        try {
            FlinkRuntimeInfo info = RemoteAnswers.runtime(json.readValue(get("v1/runtimes/" + flinkLine),
                    FlinkRuntimeInfo.class), flinkLine);
            runtimes.put(flinkLine, info);
            return info;
        } catch (JacksonException e) {
            throw unavailable("answered something that is not a Flink runtime");
        }
    }

    /** The service collects its own scratch; this server keeps none for analyses. */
    @Override
    public int removeStaleScratch(Duration olderThan) {
        return 0;
    }

    @Override
    public String location() {
        return base.toString();
    }

    /** Java 17's HttpClient has nothing to close; its threads end with its last reference. */
    @Override
    public void close() {
        lastCheck = null;
    }

    private byte[] get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(QUESTION_TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        return send(request, null);
    }

    /** The answer's body when it is a 200; otherwise the service's refusal as this server's exception. */
    private byte[] send(HttpRequest request, String flinkLine) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw unavailable("gave no answer within " + request.timeout().map(Duration::toString).orElse("the time limit"));
        } catch (IOException e) {
            throw unavailable("cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("was not waited for: this server was interrupted");
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        } catch (IOException e) {
            throw unavailable("sent an answer that was cut short: " + e.getMessage());
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw unavailable("sent an answer larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        if (response.statusCode() == 200) {
            return body;
        }
        String code = problemCode(body);
        if ("UNSUPPORTED_FLINK_VERSION".equals(code)) {
            throw new UnsupportedFlinkVersionException(flinkLine != null ? flinkLine
                    : request.uri().getPath().substring(request.uri().getPath().lastIndexOf('/') + 1),
                    FlinkRuntimes.SUPPORTED_LINES);
        }
        throw unavailable(switch (response.statusCode()) {
            case 401, 403 -> "refused this server's token (" + response.statusCode() + " " + code
                    + "): registry.analysis.remote.token must be the service's";
            // Only a form (a JAR with dependencies) can be refused so: a service older than this server.
            case 415 -> "takes no dependency JARs (answered 415" + (code.isEmpty() ? "" : " " + code)
                    + "): it is older than this server; run the same release of both";
            default -> "answered " + response.statusCode() + (code.isEmpty() ? "" : " " + code);
        });
    }

    /** The {@code code} of a problem document, or empty; only a short, plain code is believed. */
    private String problemCode(byte[] body) {
        try {
            JsonNode code = json.readTree(body).path("code");
            String text = code.isString() ? code.asString() : "";
            return text.matches("[A-Z_]{1,64}") ? text : "";
        } catch (JacksonException notJson) {
            return "";
        }
    }

    private static AnalysisServiceUnavailableException unavailable(String reason) {
        return new AnalysisServiceUnavailableException("the service " + reason);
    }

    private static String reason(Exception e) {
        return e instanceof AnalysisServiceUnavailableException unavailable ? unavailable.reason() : "not JSON";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
