package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Finding;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests to the first server that answers: a transient failure (connection error,
 * timeout, 408, 429, 5xx) moves on to the next address after a jittered backoff, up to the retry
 * policy's attempts; any other answer, success or refusal, is final. Thread-safe.
 */
final class Transport {

    private static final String USER_AGENT = "flink-connector-registry-client";
    /** The largest error answer kept from a download. */
    private static final int MAX_ERROR_BYTES = 1 << 20;
    /** Redirect statuses a download follows, up to {@link #MAX_REDIRECTS} of them. */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /** Runs download attempts, so that one outliving the request timeout can be left behind. */
    private static final ExecutorService DOWNLOADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "registry-download");
        thread.setDaemon(true);
        return thread;
    });

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final List<URI> servers;
    private final HttpClient http;
    private final Duration connectTimeout;
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
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.token = token;
    }

    /** A request to one path, buildable against any server. */
    interface Call {
        HttpRequest.Builder build(URI server);
    }

    /**
     * Sends with retries and failover; returns the first non-transient answer, and throws an error
     * answer as its typed exception.
     */
    HttpResponse<byte[]> exchange(Call call) {
        HttpResponse<byte[]> response = withFailover(server -> {
            HttpRequest.Builder builder = call.build(server).timeout(requestTimeout).header("User-Agent", USER_AGENT);
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        }, (server, answer) -> RetryPolicy.retryable(answer.statusCode())
                ? new TransientStatus(answer.statusCode(), server,
                        answer.headers().firstValue("Retry-After").orElse(null)) : null);
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        return response;
    }

    /**
     * GETs a body and hands it to a reader, with the same failover, retries and timeout as
     * {@link #send}: an error answer is thrown as its problem, a transient one is retried, and a body
     * that does not arrive whole within the request timeout is abandoned for the next attempt.
     *
     * <p>This goes through {@link HttpURLConnection} and a plain blocking read loop rather than
     * through java.net.http, which hands bodies over in 16 KiB buffers through its reactive pipeline
     * unless the JVM-wide {@code jdk.httpclient.bufsize} was set before anything in the process used
     * it; that made a cold fetch of a job's JARs twice as slow as curl (registry-e2e's
     * JobFetchBenchmark), and a library should not change a JVM-wide setting.
     *
     * @param target the URL to fetch from a server's base address
     * @param readers a fresh reader for each attempt; it reads the body to its end. An abandoned
     *     attempt's reader fails at its next read, possibly after a later attempt has started.
     */
    <T> T download(Function<URI, URI> target, Supplier<BodyReader<T>> readers) {
        return withFailover(server -> {
            CompletableFuture<T> attempt = new CompletableFuture<>();
            AtomicReference<HttpURLConnection> awaitingHeaders = new AtomicReference<>();
            BodyReader<T> reader = readers.get();
            DOWNLOADS.execute(() -> {
                try {
                    attempt.complete(downloadOnce(server, target.apply(server), reader, attempt::isDone,
                            awaitingHeaders));
                } catch (Throwable failure) {
                    attempt.completeExceptionally(failure);
                }
            });
            attempt.whenComplete((result, failure) -> {
                // Abandoned while the headers are awaited: close the connection (a server that trickles
                // its headers would hold it forever). A body read checks for abandonment itself.
                HttpURLConnection waiting = attempt.isCancelled() ? awaitingHeaders.getAndSet(null) : null;
                if (waiting != null) {
                    DOWNLOADS.execute(() -> disconnectQuietly(waiting));
                }
            });
            return attempt;
        }, (server, result) -> null);
    }

    /** Reads a successful body, which ends early with an {@link IOException} when it is cut short or abandoned. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * One attempt: follows redirects as java.net.http's {@code NORMAL} policy does (never from HTTPS
     * to HTTP; the token only to the server's own origin), then reads the body.
     */
    private <T> T downloadOnce(URI server, URI url, BodyReader<T> reader, BooleanSupplier abandoned,
                               AtomicReference<HttpURLConnection> awaitingHeaders) throws IOException {
        URI location = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = open(location, sameOrigin(server, location));
            boolean disconnect = true;
            try {
                awaitingHeaders.set(connection);
                int status;
                try {
                    status = connection.getResponseCode();
                } finally {
                    if (awaitingHeaders.getAndSet(null) == null) {
                        // Abandoned meanwhile: the canceller closes the connection.
                        disconnect = false;
                    }
                }
                if (!disconnect) {
                    throw new InterruptedIOException("Abandoned: no complete answer within the request timeout");
                }
                String redirect = REDIRECTS.contains(status) ? connection.getHeaderField("Location") : null;
                if (redirect != null && hop < MAX_REDIRECTS) {
                    URI next = location.resolve(redirect);
                    if (!("https".equalsIgnoreCase(location.getScheme()) && "http".equalsIgnoreCase(next.getScheme()))) {
                        location = next;
                        continue;
                    }
                }
                if (status >= 300) {
                    if (RetryPolicy.retryable(status)) {
                        throw new TransientStatus(status, server, connection.getHeaderField("Retry-After"));
                    }
                    InputStream error = connection.getErrorStream();
                    throw problem(status, error == null ? new byte[0] : readAtMost(error, MAX_ERROR_BYTES));
                }
                T result;
                long expected = connection.getContentLengthLong();
                try (CheckedBody body = new CheckedBody(connection.getInputStream(), abandoned)) {
                    result = reader.read(body);
                    if (expected >= 0 && body.count != expected) {
                        throw new IOException("The body from " + server + " ended after " + body.count + " of "
                                + expected + " bytes");
                    }
                }
                // Read to its end and closed: the connection goes back to the keep-alive cache.
                disconnect = false;
                return result;
            } finally {
                if (disconnect) {
                    connection.disconnect();
                }
            }
        }
    }

    private HttpURLConnection open(URI url, boolean withToken) throws IOException {
        // The default proxy selector, as java.net.http uses for the other requests.
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(millis(connectTimeout));
        // Each read waits at most the whole request's time; the attempt as a whole is bounded by withFailover.
        connection.setReadTimeout(millis(requestTimeout));
        connection.setRequestProperty("User-Agent", USER_AGENT);
        if (token != null && withToken) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        return connection;
    }

    private static boolean sameOrigin(URI server, URI url) {
        return server.getScheme().equalsIgnoreCase(url.getScheme()) && server.getHost().equalsIgnoreCase(url.getHost())
                && port(server) == port(url);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void disconnectQuietly(HttpURLConnection connection) {
        try {
            connection.disconnect();
        } catch (RuntimeException racing) {
            // The attempt's own thread may be tearing the same connection down; either way it is closed.
        }
    }

    /** Counts what was read and stops reading once the attempt was abandoned. */
    private static final class CheckedBody extends FilterInputStream {
        private final BooleanSupplier abandoned;
        private long count;

        CheckedBody(InputStream in, BooleanSupplier abandoned) {
            super(in);
            this.abandoned = abandoned;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (abandoned.getAsBoolean()) {
                throw new InterruptedIOException("Abandoned: no complete answer within the request timeout");
            }
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("A downloaded body is read, not skipped");
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        try (in) {
            return in.readNBytes(limit);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /** An answer worth another attempt (408, 429, 5xx), with the wait its {@code Retry-After} asks for, if any. */
    static final class TransientStatus extends IOException {
        final Duration retryAfter;

        TransientStatus(int status, URI server, String retryAfter) {
            super("HTTP " + status + " from " + server);
            this.retryAfter = parseRetryAfter(retryAfter, Instant.now());
        }
    }

    /**
     * A {@code Retry-After} value: delay-seconds or an HTTP date (RFC 9110, section 10.2.3); null
     * when absent or unreadable, zero for a date already past.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Starts one attempt against one server. */
    @FunctionalInterface
    private interface Attempt<T> {
        CompletableFuture<T> start(URI server);
    }

    /** Says why an answer is transient (to be retried), or null when it is final. */
    @FunctionalInterface
    private interface TransientAnswer<T> {
        IOException of(URI server, T answer);
    }

    /**
     * Tries servers in turn, starting with the one that answered last, until an attempt gives a final
     * answer within the request timeout; a refusal ({@link RegistryClientException}) is final too.
     */
    private <T> T withFailover(Attempt<T> attempt, TransientAnswer<T> transientAnswer) {
        Exception last = null;
        int start = preferred;
        for (int round = 0; round < retry.maxAttempts(); round++) {
            if (round > 0) {
                pause(retry.backoff(round, last instanceof TransientStatus status ? status.retryAfter : null));
            }
            int index = (start + round) % servers.size();
            URI server = servers.get(index);
            // HttpClient's own request timeout ends when the headers arrive; this bounds the body too,
            // so a server that stalls mid-body is left for the next one.
            CompletableFuture<T> pending = attempt.start(server);
            try {
                T answer = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
                IOException retryable = transientAnswer.of(server, answer);
                if (retryable != null) {
                    last = retryable;
                    continue;
                }
                preferred = index;
                return answer;
            } catch (TimeoutException e) {
                pending.cancel(true);
                last = new HttpTimeoutException("No complete answer from " + server + " within " + requestTimeout);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RegistryClientException refusal) {
                    preferred = index;
                    throw refusal;
                }
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

    /** The answer's JSON as {@code type}, or null for an empty answer. */
    <T> T json(Call call, Class<T> type) {
        byte[] body = exchange(call).body();
        return body.length == 0 ? null : JSON.readValue(body, type);
    }

    /** The answer's JSON as a generic type. */
    <T> T json(Call call, TypeReference<T> type) {
        return JSON.readValue(exchange(call).body(), type);
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
}
