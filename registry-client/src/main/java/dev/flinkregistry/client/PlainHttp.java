package dev.flinkregistry.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One attempt of a request over {@link HttpURLConnection} with a plain blocking read loop: JAR
 * downloads ({@link JarDownload}) and the requests whose body is small and in memory (or absent),
 * which {@link Transport} sends this way.
 *
 * <p>Why not java.net.http for these: it hands bodies over in 16 KiB buffers through its reactive
 * pipeline unless the JVM-wide {@code jdk.httpclient.bufsize} was set before anything in the process
 * used it, which made a cold fetch of a job's JARs twice as slow as curl (registry-e2e's
 * JobFetchBenchmark), and a library should not change a JVM-wide setting. And a new java.net.http
 * client costs its first request several milliseconds more (its selector thread and pipeline), and a
 * fresh process hundreds (its classes and the default TLS context, even for an {@code http://}
 * registry), which every one-shot {@code fcr} command, such as a Kubernetes init container's, paid
 * (measured in registry-e2e's KubernetesDeliveryBenchmark). Uploads with their progress stay on
 * java.net.http.
 *
 * <p>An attempt runs on a thread of its own, so that one outliving the request timeout can be left
 * behind: while its headers are awaited its connection is closed, and a body being read fails at its
 * next read.
 */
final class PlainHttp {

    private static final String ABANDONED = "Abandoned: no complete answer within the request timeout";
    /** The largest error answer kept. */
    private static final int MAX_ERROR_BYTES = 1 << 20;
    /** Redirect statuses followed, up to {@link #MAX_REDIRECTS} of them. */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /** Runs attempts, so that one outliving the request timeout can be left behind. */
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "registry-download");
        thread.setDaemon(true);
        return thread;
    });

    private PlainHttp() {}

    /** Reads a successful body, which ends early with an {@link IOException} when it is cut short or abandoned. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * What to send: a method, headers and a body (null for none).
     *
     * @param headers header names and their values, as a java.net.http request holds them
     */
    record Outgoing(String method, Map<String, List<String>> headers, byte[] body) {

        static final Outgoing GET = new Outgoing("GET", Map.of(), null);

        /** The same request as a GET without a body, as a 303 (or a 301 or 302 after a POST) asks. */
        Outgoing asGet() {
            Map<String, List<String>> kept = new java.util.LinkedHashMap<>(headers);
            kept.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
            return new Outgoing("GET", kept, null);
        }
    }

    /**
     * Starts one attempt: follows redirects as java.net.http's {@code NORMAL} policy does (never from
     * HTTPS to HTTP; the token only to the server's own origin), then hands a successful body to the
     * reader; an error answer fails the attempt with its problem, a transient one with
     * {@link Transport.TransientStatus}.
     *
     * @param token the bearer token for the server's origin, or null
     */
    static <T> CompletableFuture<T> start(URI server, URI url, Outgoing request, String token, Duration connectTimeout,
                                          Duration readTimeout, BodyReader<T> reader) {
        CompletableFuture<T> attempt = new CompletableFuture<>();
        AtomicReference<HttpURLConnection> awaitingHeaders = new AtomicReference<>();
        ATTEMPTS.execute(() -> {
            try {
                attempt.complete(once(server, url, request, token, connectTimeout, readTimeout, reader, attempt::isDone,
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
                ATTEMPTS.execute(() -> disconnectQuietly(waiting));
            }
        });
        return attempt;
    }

    private static <T> T once(URI server, URI url, Outgoing first, String token, Duration connectTimeout,
                              Duration readTimeout, BodyReader<T> reader, BooleanSupplier abandoned,
                              AtomicReference<HttpURLConnection> awaitingHeaders) throws IOException {
        URI location = url;
        Outgoing request = first;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = open(location, request, sameOrigin(server, location) ? token : null,
                    connectTimeout, readTimeout);
            boolean disconnect = true;
            try {
                awaitingHeaders.set(connection);
                int status;
                try {
                    if (request.body() != null) {
                        try (OutputStream out = connection.getOutputStream()) {
                            out.write(request.body());
                        }
                    }
                    status = connection.getResponseCode();
                } finally {
                    // Abandoned meanwhile: the canceller closes the connection.
                    disconnect = awaitingHeaders.getAndSet(null) != null;
                }
                if (!disconnect) {
                    throw new InterruptedIOException(ABANDONED);
                }
                URI next = hop < MAX_REDIRECTS ? redirect(location, status, connection) : null;
                if (next != null) {
                    location = next;
                    boolean keepsMethod = status == 307 || status == 308
                            || (status == 301 || status == 302) && !request.method().equals("POST");
                    request = keepsMethod ? request : request.asGet();
                    continue;
                }
                T result = read(server, status, connection, reader, abandoned);
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

    /**
     * Where a redirect answer points, unless it is none, is not an http(s) URL (a {@code file:} or
     * {@code jar:} one would make this client read what the server names) or would go from HTTPS to
     * HTTP; an answer not followed is an error answer.
     */
    private static URI redirect(URI location, int status, HttpURLConnection connection) {
        String redirect = REDIRECTS.contains(status) ? connection.getHeaderField("Location") : null;
        if (redirect == null) {
            return null;
        }
        URI next;
        try {
            next = location.resolve(redirect);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            return null;
        }
        boolean downgrade = "https".equalsIgnoreCase(location.getScheme()) && scheme.equals("http");
        return downgrade ? null : next;
    }

    /** Hands a successful body to the reader and checks it arrived whole; an error answer is thrown. */
    private static <T> T read(URI server, int status, HttpURLConnection connection, BodyReader<T> reader,
                              BooleanSupplier abandoned) throws IOException {
        if (status >= 300) {
            InputStream error = connection.getErrorStream();
            byte[] body = error == null ? new byte[0] : readAtMost(error, MAX_ERROR_BYTES);
            if (RetryPolicy.retryable(status)) {
                throw new Transport.TransientStatus(status, server, connection.getHeaderField("Retry-After"), body);
            }
            throw Problems.of(status, body);
        }
        long expected = connection.getContentLengthLong();
        try (CheckedBody body = new CheckedBody(connection.getInputStream(), abandoned)) {
            T result = reader.read(body);
            if (expected >= 0 && body.count != expected) {
                throw new IOException("The body from " + server + " ended after " + body.count + " of "
                        + expected + " bytes");
            }
            return result;
        }
    }

    private static HttpURLConnection open(URI url, Outgoing request, String token, Duration connectTimeout,
                                          Duration readTimeout) throws IOException {
        // The default proxy selector, as java.net.http uses.
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(millis(connectTimeout));
        // Each read waits at most the whole request's time; the attempt as a whole is bounded by the failover.
        connection.setReadTimeout(millis(readTimeout));
        connection.setRequestMethod(request.method());
        // HttpURLConnection would otherwise ask for text/html first; java.net.http sends no Accept at all.
        if (request.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Accept"))) {
            connection.setRequestProperty("Accept", "*/*");
        }
        request.headers().forEach((name, values) -> {
            for (String value : values) {
                connection.addRequestProperty(name, value);
            }
        });
        connection.setRequestProperty("User-Agent", Transport.USER_AGENT);
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (request.body() != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(request.body().length);
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
                throw new InterruptedIOException(ABANDONED);
            }
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("A body is read, not skipped");
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
}
