package dev.flinkregistry.server.upload;

import static dev.flinkregistry.server.upload.UrlPolicy.describe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Downloads a JAR from an external URL once, as an immutable snapshot: redirects followed by hand
 * so that {@link UrlPolicy} checks every hop, the size bounded by the {@link JarReceiver} and the
 * whole transfer by one deadline.
 */
@Component
public class UrlFetcher {

    static final int MAX_REDIRECTS = 5;

    private static final String USER_AGENT = "flink-connector-registry";
    private static final String DEFAULT_FILE_NAME = "download.jar";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final JarReceiver receiver;
    private final UrlPolicy urls;
    private final Duration timeout;
    private final HttpClient client;

    @Autowired
    public UrlFetcher(UrlProperties properties, JarReceiver receiver) {
        this(properties, receiver,
                properties.allowPrivateAddresses() ? AddressPolicy.anyAddress() : AddressPolicy.publicOnly());
    }

    UrlFetcher(UrlProperties properties, JarReceiver receiver, AddressPolicy addresses) {
        this.receiver = receiver;
        this.urls = new UrlPolicy(properties.allowedPrefixes(), addresses);
        this.timeout = properties.timeout();
        // No cookie handler, no authenticator: nothing from one hop is ever sent to the next.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Downloads the JAR at {@code url} into a scratch file, checking it against {@code expectedSha256}
     * (64 hex digits, any case) when one is given; the caller owns, and must close, the result.
     */
    public ReceivedJar fetch(String url, String expectedSha256) throws IOException {
        String expected = normalisedDigest(expectedSha256);
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = urls.first(url);
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response = send(current, deadline);
            if (!REDIRECTS.contains(response.statusCode())) {
                return receive(current, response, deadline, expected);
            }
            response.body().close();
            if (redirects == MAX_REDIRECTS) {
                throw UrlFetchFailedException.failed(describe(current),
                        "it redirected more than " + MAX_REDIRECTS + " times", null);
            }
            current = urls.redirect(current, response);
        }
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw UrlFetchFailedException.timedOut(describe(uri), timeout);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/java-archive, application/octet-stream;q=0.9, */*;q=0.5")
                .build();
        try {
            return client.send(request, BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw UrlFetchFailedException.timedOut(describe(uri), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while downloading " + describe(uri));
        } catch (IOException e) {
            throw UrlFetchFailedException.failed(describe(uri), "the server could not be reached (" + reason(e) + ")", e);
        }
    }

    private ReceivedJar receive(URI uri, HttpResponse<InputStream> response, long deadline, String expected)
            throws IOException {
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw UrlFetchFailedException.answered(describe(uri), status);
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > receiver.maxBytes()) {
                throw new JarTooLargeException(receiver.maxBytes());
            }
            ReceivedJar jar = receiveBefore(deadline, uri, body);
            if (expected != null && !expected.equals(jar.sha256())) {
                jar.close();
                throw new ChecksumMismatchException(expected, jar.sha256());
            }
            return jar;
        }
    }

    /**
     * The request timeout only covers the wait for the response headers, so a watchdog closes a
     * body that is still streaming at the deadline, which ends the blocked read.
     */
    private ReceivedJar receiveBefore(long deadline, URI uri, InputStream body) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(body);
        }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        ReceivedJar jar;
        try {
            jar = receiver.receive(body, fileName(uri));
        } catch (IOException e) {
            if (expired.get()) {
                throw UrlFetchFailedException.timedOut(describe(uri), timeout);
            }
            throw UrlFetchFailedException.failed(describe(uri), "the transfer broke off (" + reason(e) + ")", e);
        } finally {
            watchdog.cancel(false);
        }
        if (expired.get()) {
            // The closed stream may have looked like a normal end: what was received is incomplete.
            jar.close();
            throw UrlFetchFailedException.timedOut(describe(uri), timeout);
        }
        return jar;
    }

    /** The last path segment, decoded, if it is a plausible file name. */
    static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean plausible = !name.isBlank() && !name.equals(".") && !name.equals("..") && name.length() <= 255
                && name.chars().noneMatch(c -> c == '\\' || Character.isISOControl(c));
        return plausible ? name : DEFAULT_FILE_NAME;
    }

    private static String normalisedDigest(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return null;
        }
        if (!SHA256.matcher(sha256.trim()).matches()) {
            throw new IllegalArgumentException("An expected SHA-256 must be 64 hexadecimal digits");
        }
        return sha256.trim().toLowerCase(Locale.ROOT);
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // Closing only serves to unblock the reader, which reports the timeout.
        }
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "url-fetch-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
