package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Finding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests to the first server that answers: a transient failure (connection error,
 * timeout, 408, 429, 5xx) moves on to the next address after a jittered backoff, up to the retry
 * policy's attempts; any other answer, success or refusal, is final. Thread-safe.
 */
final class Transport {

    static {
        // java.net.http reads bodies in 16 KiB buffers by default, which made downloading a 20 MB
        // JAR twice as slow as curl (registry-e2e's JobFetchBenchmark); 1 MiB closes the gap. It is a
        // JVM-wide setting read once, so it is only set when nobody chose a value.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(1 << 20));
        }
    }

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final List<URI> servers;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final String token;
    private volatile int preferred;

    Transport(List<URI> servers, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, String token) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("At least one server address is needed");
        }
        this.servers = List.copyOf(servers);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.token = token;
    }

    /** A request to one path, buildable against any server. */
    interface Call {
        HttpRequest.Builder build(URI server);
    }

    /** Sends with retries and failover; returns the first non-transient answer, throwing problems as exceptions. */
    <T> HttpResponse<T> send(Call call, Supplier<HttpResponse.BodyHandler<T>> handler) {
        Exception last = null;
        int start = preferred;
        for (int attempt = 0; attempt < retry.maxAttempts(); attempt++) {
            if (attempt > 0) {
                pause(retry.backoff(attempt));
            }
            int index = (start + attempt) % servers.size();
            HttpRequest.Builder builder = call.build(servers.get(index)).timeout(requestTimeout)
                    .header("User-Agent", "flink-connector-registry-client");
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            // The request timeout of HttpClient ends when the headers arrive; this bounds the body too,
            // so a server that stalls mid-body is left for the next one.
            java.util.concurrent.CompletableFuture<HttpResponse<T>> pending =
                    http.sendAsync(builder.build(), handler.get());
            try {
                HttpResponse<T> response = pending.get(requestTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                if (RetryPolicy.retryable(response.statusCode())) {
                    last = new IOException("HTTP " + response.statusCode() + " from " + servers.get(index));
                    continue;
                }
                preferred = index;
                return response;
            } catch (java.util.concurrent.TimeoutException e) {
                pending.cancel(true);
                last = new HttpTimeoutException("No complete answer from " + servers.get(index) + " within "
                        + requestTimeout);
            } catch (java.util.concurrent.ExecutionException e) {
                last = e.getCause() instanceof Exception cause ? cause : e;
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new RegistryClientException("Interrupted while calling the registry", e);
            }
        }
        throw new RegistryUnavailableException("No registry server answered after " + retry.maxAttempts()
                + " attempts across " + servers + ": " + describe(last), last);
    }

    /** Sends and maps an error answer to its typed exception. */
    HttpResponse<byte[]> exchange(Call call) {
        HttpResponse<byte[]> response = send(call, HttpResponse.BodyHandlers::ofByteArray);
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        return response;
    }

    <T> T json(Call call, Class<T> type) {
        byte[] body = exchange(call).body();
        return body.length == 0 ? null : JSON.readValue(body, type);
    }

    static RegistryProblemException problem(int status, byte[] body) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String code = "HTTP_" + status;
        String detail = "HTTP " + status;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                code = problem.path("code").asString(code);
                detail = problem.path("detail").asString(problem.path("title").asString(detail));
                for (Map.Entry<String, JsonNode> member : problem.properties()) {
                    properties.put(member.getKey(), JSON.treeToValue(member.getValue(), Object.class));
                }
            }
        } catch (RuntimeException notJson) {
            detail = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
        return switch (status) {
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
                findings.add(JSON.convertValue(item, Finding.class));
            }
        }
        return findings;
    }

    private static String describe(Exception failure) {
        if (failure == null) {
            return "no answer";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName()
                + (failure.getCause() != null ? " (" + failure.getCause() + ")" : "");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("Interrupted while waiting to retry", e);
        }
    }

    List<URI> servers() {
        return servers;
    }
}
