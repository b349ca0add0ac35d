package dev.flinkregistry.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to a test server, with JSON answers parsed, sent with a bearer token (the
 * server's first administrator token unless another is given) or with none.
 */
public final class RegistryHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String DEFAULT = "/api/v1/workspaces/default";

    private final String baseUrl;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RegistryHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same server, calling with another bearer token (null: none, as an anonymous caller). */
    public RegistryHttp as(String otherToken) {
        return new RegistryHttp(baseUrl, otherToken);
    }

    /** The bearer token these calls send, or null. */
    public String token() {
        return token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer: status, headers, body as text and (when JSON) parsed. */
    public record Answer(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Answer head(String path, String... headers) {
        return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Answer postJson(String path, Object body) {
        return send(request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                .build());
    }

    public Answer putJson(String path, Object body) {
        return send(request(path, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** Uploads a JAR file as a raw {@code application/java-archive} body. */
    public Answer postJar(String path, Path jar) {
        try {
            return send(request(path, "Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(jar)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer post(String path, String contentType, byte[] body) {
        return send(request(path, "Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Registers a connector from a JAR. */
    public Answer register(String name, Path jar) {
        return postJar(DEFAULT + "/connectors?name=" + name, jar);
    }

    /** Uploads a new version of a connector. */
    public Answer update(String name, Path jar) {
        return postJar(DEFAULT + "/connectors/" + name + "/versions", jar);
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
