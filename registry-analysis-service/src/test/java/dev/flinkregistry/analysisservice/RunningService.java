package dev.flinkregistry.analysisservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The analysis service on a random loopback port, in this JVM, called over real HTTP. */
final class RunningService implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final Path workDir;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService(ConfigurableApplicationContext context, Path workDir) {
        this.context = context;
        this.workDir = workDir;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts the service with the test token, a fresh work directory and these settings on top. */
    static RunningService start(Map<String, String> settings) {
        try {
            Path workDir = Files.createTempDirectory("analysis-service-");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("server.port", "0");
            all.put("server.address", "127.0.0.1");
            all.put("registry.analysis.work-dir", workDir.toString());
            all.put("registry.analysis.remote.token", TOKEN);
            all.put("registry.analysis.timeout", "20s");
            all.putAll(settings);
            String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            try {
                return new RunningService(new SpringApplicationBuilder(AnalysisServiceApplication.class)
                        .run(arguments), workDir);
            } catch (RuntimeException refused) {
                FileSystemUtils.deleteRecursively(workDir.toFile());
                throw refused;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer: status, headers, body. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Answer post(String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = request(path, token).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** Posts the JAR as the body, as the registry server does. */
    Answer analyze(Path jar, String query) {
        try {
            return post("/v1/analyses?" + query, TOKEN, "application/java-archive", HttpRequest.BodyPublishers.ofFile(jar));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        context.close();
        FileSystemUtils.deleteRecursively(workDir.toFile());
    }
}
