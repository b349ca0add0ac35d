package dev.flinkregistry.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
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
 * Downloads a JAR from an external URL once, as an immutable snapshot: only allowed http(s) URLs
 * on public addresses, redirects re-checked hop by hop, size and time bounded.
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
    private final AddressPolicy addresses;
    private final List<String> allowedPrefixes;
    private final Duration timeout;
    private final HttpClient client;

    @Autowired
    public UrlFetcher(UrlProperties properties, JarReceiver receiver) {
        this(properties, receiver,
                properties.allowPrivateAddresses() ? AddressPolicy.anyAddress() : AddressPolicy.publicOnly());
    }

    UrlFetcher(UrlProperties properties, JarReceiver receiver, AddressPolicy addresses) {
        this.receiver = receiver;
        this.addresses = addresses;
        this.allowedPrefixes = properties.allowedPrefixes().stream().map(UrlFetcher::canonicalPrefix).toList();
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
        URI current = checked(parse(url));
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
            current = checked(redirectTarget(current, response));
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

    /** Applies every URL rule; returns the URL in the canonical form that was checked and will be fetched. */
    private URI checked(URI uri) throws IOException {
        URI canonical = canonical(uri);
        String text = canonical.toString();
        if (!allowedPrefixes.isEmpty() && allowedPrefixes.stream().noneMatch(p -> matchesPrefix(text, p))) {
            throw new UrlNotAllowedException("The URL " + describe(canonical)
                    + " is not under any of the allowed URL prefixes " + allowedPrefixes);
        }
        try {
            addresses.check(canonical.getHost());
        } catch (UnknownHostException e) {
            throw UrlFetchFailedException.failed(describe(canonical),
                    "the host '" + canonical.getHost() + "' could not be resolved", e);
        }
        return canonical;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new UrlNotAllowedException("No URL was given");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UrlNotAllowedException("'" + url + "' is not a valid URL: " + e.getReason());
        }
    }

    private static URI redirectTarget(URI current, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse("").trim();
        if (location.isEmpty()) {
            throw UrlFetchFailedException.failed(describe(current),
                    "it answered " + response.statusCode() + " without a Location to redirect to", null);
        }
        try {
            return current.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw UrlFetchFailedException.failed(describe(current),
                    "it redirected to an invalid URL '" + location + "'", e);
        }
    }

    /**
     * Lower-cased scheme and host, no default port, no user info, no fragment, no dot segments:
     * the one spelling that prefixes are compared with and that is requested.
     */
    static URI canonical(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque()) {
            throw new UrlNotAllowedException("'" + uri + "' is not an absolute http or https URL");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlNotAllowedException("Only http and https URLs can be downloaded, not " + scheme + " URLs");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlNotAllowedException("URLs with user credentials (user@host) are not allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UrlNotAllowedException("The URL '" + uri + "' has no valid host name");
        }
        URI normalised = uri.normalize();
        for (String segment : normalised.getPath().split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new UrlNotAllowedException("URLs with '.' or '..' path segments are not allowed");
            }
        }
        String path = normalised.getRawPath().isEmpty() ? "/" : normalised.getRawPath();
        String query = normalised.getRawQuery() == null ? "" : "?" + normalised.getRawQuery();
        return URI.create(origin(scheme, uri.getHost(), uri.getPort()) + path + query);
    }

    /** A configured prefix with its scheme and host spelled as {@link #canonical} spells them. */
    static String canonicalPrefix(String prefix) {
        try {
            URI uri = new URI(prefix);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return prefix;
            }
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return origin(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort()) + rest;
        } catch (URISyntaxException e) {
            return prefix;
        }
    }

    /**
     * Whether the URL is under the prefix. The match must end at a boundary, so that
     * {@code https://bucket.example.com} does not admit {@code https://bucket.example.com.evil.org/}.
     */
    static boolean matchesPrefix(String url, String prefix) {
        if (!url.startsWith(prefix)) {
            return false;
        }
        if (url.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = url.charAt(prefix.length());
        return next == '/' || next == '?';
    }

    private static String origin(String scheme, String host, int port) {
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The URL without its query, which may hold a signature that has no place in messages and logs. */
    private static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
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
