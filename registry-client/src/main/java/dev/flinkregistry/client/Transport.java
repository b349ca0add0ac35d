package dev.flinkregistry.client;

import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;

/**
 * Sends requests to the first server that answers: a transient failure (connection error,
 * timeout, 408, 429, 5xx) moves on to the next address after a jittered backoff, up to the retry
 * policy's attempts; any other answer, success or refusal, is final. Thread-safe. Requests without a
 * body or with a small one, and JAR downloads ({@link JarDownload}), go over {@link PlainHttp};
 * uploads over java.net.http. Every request carries the token source's token; when the registry refuses it and the source can give another, the request is sent
 * once more with that ({@link #withToken}).
 */
final class Transport {

    static final String USER_AGENT = "flink-connector-registry-client";

    private final List<URI> servers;
    /** Made on first use: a client that only downloads JARs (an init container) never needs it, nor its selector thread. */
    private volatile HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final TokenSource tokens;
    private volatile int preferred;

    /** @param tokens where bearer tokens come from, or null to send none */
    Transport(List<URI> servers, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
              TokenSource tokens) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("At least one server address is needed");
        }
        this.servers = List.copyOf(servers);
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.tokens = tokens;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** A request to one path, buildable against any server. */
    interface Call {
        HttpRequest.Builder build(URI server);
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one attempt may take, body included. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Runs a request with the current token (null when there is no token source). When the registry
     * refuses that token and the source has another one, runs it once more with the new token: a
     * token that expired early or was revoked costs one extra request, not a failure.
     */
    <T> T withToken(Function<String, T> request) {
        String token = tokens == null ? null : tokens.token();
        try {
            return request.apply(token);
        } catch (AuthenticationException refused) {
            if (token == null || !refused.tokenRefused() || !tokens.refused(token)) {
                throw refused;
            }
            return request.apply(tokens.token());
        }
    }

    /**
     * Sends with retries and failover; returns the body of the first non-transient answer, and
     * throws an error answer as its typed exception. A request without a body or with a small one
     * (JSON) goes over {@link PlainHttp}; an upload over java.net.http, which streams it from disk and
     * reports its progress.
     */
    byte[] exchange(Call call) {
        return withToken(token -> exchange(call, token));
    }

    private byte[] exchange(Call call, String token) {
        Answer answer = withFailover(server -> {
            HttpRequest.Builder builder = call.build(server).timeout(requestTimeout);
            HttpRequest request = builder.build();
            // PlainHttp adds the User-Agent, and the token only for the server's own origin.
            PlainHttp.Outgoing small = small(request);
            if (small != null) {
                return PlainHttp.start(server, request.uri(), small, token, connectTimeout, requestTimeout,
                        body -> new Answer(200, body.readAllBytes(), null));
            }
            builder.header("User-Agent", USER_AGENT);
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return http().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(Answer::of);
        }, (server, received) -> RetryPolicy.retryable(received.status())
                ? new TransientStatus(received.status(), server, received.retryAfter(), received.body()) : null);
        if (answer.status() >= 400) {
            throw Problems.of(answer.status(), answer.body());
        }
        return answer.body();
    }

    /** The largest request body sent over {@link PlainHttp}, read into memory first. */
    private static final long SMALL_BODY = 1 << 20;

    /**
     * The request as {@link PlainHttp} sends it, or null when it is an upload: a body larger than
     * {@link #SMALL_BODY}, of unknown length, or one whose progress is reported.
     */
    private PlainHttp.Outgoing small(HttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher instanceof ProgressPublisher) {
            return null;
        }
        long length = publisher == null ? 0 : publisher.contentLength();
        if (length < 0 || length > SMALL_BODY) {
            return null;
        }
        byte[] body = publisher == null || length == 0 && !List.of("POST", "PUT", "PATCH").contains(request.method())
                ? null : BodyBytes.of(publisher, requestTimeout);
        return new PlainHttp.Outgoing(request.method(), request.headers().map(), body);
    }

    /** An answer's status, body and {@code Retry-After}, whichever way it came; {@link PlainHttp} gives only successful ones. */
    private record Answer(int status, byte[] body, String retryAfter) {

        static Answer of(HttpResponse<byte[]> response) {
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
    }

    /** The answer's JSON as {@code type}, or null for an empty answer. */
    <T> T json(Call call, Class<T> type) {
        byte[] body = exchange(call);
        return body.length == 0 ? null : Json.MAPPER.readValue(body, type);
    }

    /** The answer's JSON as a generic type. */
    <T> T json(Call call, TypeReference<T> type) {
        return Json.MAPPER.readValue(exchange(call), type);
    }

    /**
     * An answer worth another attempt (408, 429, 5xx), with the wait its {@code Retry-After} asks for,
     * if any. A problem document's code and detail go into the message, so that a client that gives up
     * says why, e.g. {@code TOO_MANY_AUTHENTICATION_FAILURES} for an address that failed to sign in too often.
     */
    static final class TransientStatus extends IOException {
        final Duration retryAfter;

        TransientStatus(int status, URI server, String retryAfter) {
            this(status, server, retryAfter, null);
        }

        TransientStatus(int status, URI server, String retryAfter, byte[] body) {
            super("HTTP " + status + " from " + server + problem(status, body));
            this.retryAfter = parseRetryAfter(retryAfter, Instant.now());
        }

        private static String problem(int status, byte[] body) {
            if (body == null || body.length == 0) {
                return "";
            }
            RegistryProblemException problem = Problems.of(status, body);
            return problem.code().startsWith("HTTP_") ? "" : " (" + problem.code() + ": " + problem.detail() + ")";
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
    interface Attempt<T> {
        CompletableFuture<T> start(URI server);
    }

    /** Says why an answer is transient (to be retried), or null when it is final. */
    @FunctionalInterface
    interface TransientAnswer<T> {
        IOException of(URI server, T answer);
    }

    /**
     * Tries servers in turn, starting with the one that answered last, until an attempt gives a final
     * answer within the request timeout; a refusal ({@link RegistryClientException}) is final too.
     */
    <T> T withFailover(Attempt<T> attempt, TransientAnswer<T> transientAnswer) {
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
