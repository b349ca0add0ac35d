package dev.flinkregistry.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Downloads JAR bodies with the transport's failover, retries and timeout: an error answer is
 * thrown as its problem, a transient one is retried, and a body that does not arrive whole within
 * the request timeout is abandoned for the next attempt.
 *
 * <p>This goes through {@link HttpURLConnection} and a plain blocking read loop rather than
 * through java.net.http, which hands bodies over in 16 KiB buffers through its reactive pipeline
 * unless the JVM-wide {@code jdk.httpclient.bufsize} was set before anything in the process used
 * it; that made a cold fetch of a job's JARs twice as slow as curl (registry-e2e's
 * JobFetchBenchmark), and a library should not change a JVM-wide setting.
 */
final class JarDownload {

    private static final String ABANDONED = "Abandoned: no complete answer within the request timeout";
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

    private final Transport transport;

    JarDownload(Transport transport) {
        this.transport = transport;
    }

    /**
     * Downloads into {@code file} while hashing, so the bytes are read once, and returns their
     * SHA-256. Each attempt writes a file of its own (an abandoned one may still be writing, and
     * removes its file when it fails), and the whole body is bounded by the request timeout.
     *
     * @param target the URL to fetch from a server's base address
     */
    String into(Function<URI, URI> target, Path file) throws IOException {
        List<Path> attempts = new CopyOnWriteArrayList<>();
        try {
            HashedFile written = download(target, () -> {
                Path attempt = file.resolveSibling(file.getFileName() + "." + attempts.size());
                attempts.add(attempt);
                return body -> HashedFile.write(body, attempt);
            });
            Files.move(written.file(), file, StandardCopyOption.REPLACE_EXISTING);
            return written.sha256();
        } finally {
            for (Path attempt : attempts) {
                try {
                    Files.deleteIfExists(attempt);
                } catch (IOException stillOpen) {
                    // An abandoned attempt may hold it open (Windows); the cache never reads such a file.
                }
            }
        }
    }

    /** Reads a successful body, which ends early with an {@link IOException} when it is cut short or abandoned. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * GETs a body and hands it to a reader.
     *
     * @param readers a fresh reader for each attempt; it reads the body to its end. An abandoned
     *     attempt's reader fails at its next read, possibly after a later attempt has started.
     */
    private <T> T download(Function<URI, URI> target, Supplier<BodyReader<T>> readers) {
        return transport.withToken(token -> download(target, readers, token));
    }

    private <T> T download(Function<URI, URI> target, Supplier<BodyReader<T>> readers, String token) {
        return transport.withFailover(server -> {
            CompletableFuture<T> attempt = new CompletableFuture<>();
            AtomicReference<HttpURLConnection> awaitingHeaders = new AtomicReference<>();
            BodyReader<T> reader = readers.get();
            DOWNLOADS.execute(() -> {
                try {
                    attempt.complete(downloadOnce(server, target.apply(server), token, reader, attempt::isDone,
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

    /**
     * One attempt: follows redirects as java.net.http's {@code NORMAL} policy does (never from HTTPS
     * to HTTP; the token only to the server's own origin), then reads the body.
     */
    private <T> T downloadOnce(URI server, URI url, String token, BodyReader<T> reader, BooleanSupplier abandoned,
                               AtomicReference<HttpURLConnection> awaitingHeaders) throws IOException {
        URI location = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = open(location, sameOrigin(server, location) ? token : null);
            boolean disconnect = true;
            try {
                awaitingHeaders.set(connection);
                int status;
                try {
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

    /** Where a redirect answer points, unless it is none or would go from HTTPS to HTTP. */
    private static URI redirect(URI location, int status, HttpURLConnection connection) {
        String redirect = REDIRECTS.contains(status) ? connection.getHeaderField("Location") : null;
        if (redirect == null) {
            return null;
        }
        URI next = location.resolve(redirect);
        boolean downgrade = "https".equalsIgnoreCase(location.getScheme()) && "http".equalsIgnoreCase(next.getScheme());
        return downgrade ? null : next;
    }

    /** Hands a successful body to the reader and checks it arrived whole; an error answer is thrown. */
    private static <T> T read(URI server, int status, HttpURLConnection connection, BodyReader<T> reader,
                              BooleanSupplier abandoned) throws IOException {
        if (status >= 300) {
            if (RetryPolicy.retryable(status)) {
                throw new Transport.TransientStatus(status, server, connection.getHeaderField("Retry-After"));
            }
            InputStream error = connection.getErrorStream();
            throw Problems.of(status, error == null ? new byte[0] : readAtMost(error, MAX_ERROR_BYTES));
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

    /** @param token the bearer token to send, or null */
    private HttpURLConnection open(URI url, String token) throws IOException {
        // The default proxy selector, as java.net.http uses for the other requests.
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(millis(transport.connectTimeout()));
        // Each read waits at most the whole request's time; the attempt as a whole is bounded by the failover.
        connection.setReadTimeout(millis(transport.requestTimeout()));
        connection.setRequestProperty("User-Agent", Transport.USER_AGENT);
        if (token != null) {
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
}
