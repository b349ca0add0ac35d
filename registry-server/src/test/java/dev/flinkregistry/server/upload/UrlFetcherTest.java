package dev.flinkregistry.server.upload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.server.storage.StorageProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** Against a WireMock server on 127.0.0.1, which the settings allow unless a test says otherwise. */
class UrlFetcherTest {

    private static final byte[] JAR = randomBytes(20_000);
    private static final String JAR_SHA256 = sha256(JAR);

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyStopTimeout(100L))
            .build();

    @TempDir
    Path dataDir;

    private JarReceiver receiver;

    @Test
    void downloadsJarWithItsDigestSizeAndFileName() throws IOException {
        server.stubFor(get("/jars/my-connector-1.0.jar").willReturn(aResponse().withBody(JAR)));

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/jars/my-connector-1.0.jar"), null)) {
            assertThat(jar.sha256()).isEqualTo(JAR_SHA256);
            assertThat(jar.size()).isEqualTo(JAR.length);
            assertThat(jar.fileName()).isEqualTo("my-connector-1.0.jar");
            assertThat(jar.file()).hasBinaryContent(JAR);
        }
    }

    @Test
    void callsDownloadDownloadJarWhenUrlHasNoFileName() throws IOException {
        server.stubFor(get("/latest/").willReturn(aResponse().withBody(JAR)));

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/latest/"), null)) {
            assertThat(jar.fileName()).isEqualTo("download.jar");
        }
    }

    @Test
    void namesTheFileAfterTheDecodedLastPathSegment() {
        assertThat(UrlFetcher.fileName(URI.create("https://example.com/jars/my%20connector.jar?sig=x"))).isEqualTo("my connector.jar");
        assertThat(UrlFetcher.fileName(URI.create("https://example.com/"))).isEqualTo("download.jar");
        assertThat(UrlFetcher.fileName(URI.create("https://example.com/a%0Ab.jar"))).isEqualTo("download.jar");
    }

    @Test
    void acceptsMatchingChecksumInAnyCase() throws IOException {
        server.stubFor(get("/x.jar").willReturn(aResponse().withBody(JAR)));

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/x.jar"), JAR_SHA256.toUpperCase())) {
            assertThat(jar.sha256()).isEqualTo(JAR_SHA256);
        }
    }

    @Test
    void followsRelativeAndAbsoluteRedirectsAndNamesFileAfterFinalUrl() throws IOException {
        server.stubFor(get("/start").willReturn(aResponse().withStatus(302).withHeader("Location", "next")));
        server.stubFor(get("/next").willReturn(aResponse().withStatus(301).withHeader("Location", url("/v/final.jar"))));
        server.stubFor(get("/v/final.jar").willReturn(aResponse().withBody(JAR)));

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/start"), JAR_SHA256)) {
            assertThat(jar.fileName()).isEqualTo("final.jar");
            assertThat(jar.sha256()).isEqualTo(JAR_SHA256);
        }
    }

    @Test
    void followsFiveRedirects() throws IOException {
        redirectChain(5);

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/hop/0"), null)) {
            assertThat(jar.size()).isEqualTo(JAR.length);
        }
    }

    @Test
    void refusesMoreThanFiveRedirects() throws IOException {
        redirectChain(6);

        assertThatThrownBy(() -> fetcher(settings()).fetch(url("/hop/0"), null))
                .isInstanceOfSatisfying(UrlFetchFailedException.class, e -> assertThat(e.code()).isEqualTo("URL_FETCH_FAILED"))
                .hasMessageContaining("redirected more than 5 times");
        server.verify(0, getRequestedFor(urlEqualTo("/hop/6")));
    }

    @Test
    void forwardsNoCookiesAndIdentifiesItself() throws IOException {
        server.stubFor(get("/start").willReturn(aResponse().withStatus(307)
                .withHeader("Set-Cookie", "session=secret").withHeader("Location", "/x.jar")));
        server.stubFor(get("/x.jar").willReturn(aResponse().withBody(JAR)));

        try (ReceivedJar jar = fetcher(settings()).fetch(url("/start"), null)) {
            server.verify(getRequestedFor(urlEqualTo("/x.jar"))
                    .withoutHeader("Cookie")
                    .withoutHeader("Authorization")
                    .withHeader("User-Agent", containing("flink-connector-registry")));
        }
    }

    @Test
    void downloadsFromUrlUnderAnAllowedPrefix() throws IOException {
        server.stubFor(get("/bucket/x.jar").willReturn(aResponse().withBody(JAR)));

        String prefix = "HTTP://127.0.0.1:" + server.getPort() + "/bucket";

        try (ReceivedJar jar = fetcher(settings().allowedPrefixes(prefix)).fetch(url("/bucket/x.jar"), null)) {
            assertThat(jar.sha256()).isEqualTo(JAR_SHA256);
        }
    }

    @Test
    void refusesUrlOutsideTheAllowedPrefixes() throws IOException {
        UrlFetcher fetcher = fetcher(settings().allowedPrefixes(url("/bucket")));

        assertThatThrownBy(() -> fetcher.fetch(url("/bucket-other/x.jar"), null))
                .isInstanceOfSatisfying(UrlNotAllowedException.class, e -> assertThat(e.code()).isEqualTo("URL_NOT_ALLOWED"))
                .hasMessageContaining("allowed URL prefixes");
        assertThatThrownBy(() -> fetcher.fetch(url("/bucket/../secret.jar"), null))
                .isInstanceOf(UrlNotAllowedException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesHostThatOnlyStartsWithTheTextOfAnAllowedPrefix() throws IOException {
        UrlFetcher fetcher = fetcher(settings().allowedPrefixes("http://127.0.0.1"));

        assertThatThrownBy(() -> fetcher.fetch(url("/x.jar"), null))
                .isInstanceOf(UrlNotAllowedException.class)
                .hasMessageContaining("allowed URL prefixes");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void matchesPrefixesOnlyUpToAPathBoundary() {
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com/x.jar", "https://bucket.example.com")).isTrue();
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com/jars/x.jar", "https://bucket.example.com/jars/")).isTrue();
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com/x.jar?v=1", "https://bucket.example.com/x.jar")).isTrue();
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com.evil.org/", "https://bucket.example.com")).isFalse();
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com:8443/x.jar", "https://bucket.example.com")).isFalse();
        assertThat(UrlPolicy.matchesPrefix("https://bucket.example.com/jarsx/x.jar", "https://bucket.example.com/jars")).isFalse();
    }

    @Test
    void comparesUrlsAndPrefixesInOneCanonicalSpelling() {
        assertThat(UrlPolicy.canonical(URI.create("HTTPS://Bucket.Example.COM:443/a/./b/../x.jar?v=1#part")))
                .hasToString("https://bucket.example.com/a/x.jar?v=1");
        assertThat(UrlPolicy.canonical(URI.create("http://example.com"))).hasToString("http://example.com/");
        assertThat(UrlPolicy.canonicalPrefix("HTTPS://Bucket.Example.COM:443")).isEqualTo("https://bucket.example.com");
        assertThatThrownBy(() -> UrlPolicy.canonical(URI.create("http://example.com/../x.jar")))
                .isInstanceOf(UrlNotAllowedException.class);
        assertThatThrownBy(() -> UrlPolicy.canonical(URI.create("http://example.com/a/%2e%2e/x.jar")))
                .isInstanceOf(UrlNotAllowedException.class);
    }

    @Test
    void refusesRedirectOutsideTheAllowedPrefixes() throws IOException {
        server.stubFor(get("/bucket/x.jar").willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere/x.jar")));
        server.stubFor(get("/elsewhere/x.jar").willReturn(aResponse().withBody(JAR)));

        assertThatThrownBy(() -> fetcher(settings().allowedPrefixes(url("/bucket/"))).fetch(url("/bucket/x.jar"), null))
                .isInstanceOf(UrlNotAllowedException.class)
                .hasMessageContaining("/elsewhere/x.jar");
        server.verify(0, getRequestedFor(urlEqualTo("/elsewhere/x.jar")));
    }

    @Test
    void refusesRedirectToAPrivateAddress() throws IOException {
        server.stubFor(get("/x.jar").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.2:" + server.getPort() + "/x.jar")));
        UrlFetcher fetcher = fetcher(settings().allowPrivateAddresses(false),
                AddressPolicy.publicOnlyExcept(InetAddress.getByName("127.0.0.1")));

        assertThatThrownBy(() -> fetcher.fetch(url("/x.jar"), null))
                .isInstanceOf(UrlNotAllowedException.class)
                .hasMessageContaining("127.0.0.2")
                .hasMessageContaining("loopback");
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesChecksumMismatchAndKeepsNoFile() throws IOException {
        server.stubFor(get("/x.jar").willReturn(aResponse().withBody(JAR)));
        String other = "0".repeat(64);

        assertThatThrownBy(() -> fetcher(settings()).fetch(url("/x.jar"), other))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHECKSUM_MISMATCH");
                    assertThat(e.properties()).containsEntry("expected", other).containsEntry("actual", JAR_SHA256);
                });
        assertThat(receiver.scratchDirectory()).isEmptyDirectory();
    }

    @Test
    void rejectsMalformedExpectedChecksumBeforeDownloading() throws IOException {
        assertThatThrownBy(() -> fetcher(settings()).fetch(url("/x.jar"), "abc"))
                .isInstanceOf(IllegalArgumentException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void reportsTheUpstreamStatusOfAFailedDownload() throws IOException {
        server.stubFor(get("/missing.jar").willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> fetcher(settings()).fetch(url("/missing.jar"), null))
                .isInstanceOfSatisfying(UrlFetchFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo("URL_FETCH_FAILED");
                    assertThat(e.properties()).containsEntry("upstreamStatus", 404);
                })
                .hasMessageContaining("404");
    }

    @Test
    void reportsAServerThatCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> fetcher(settings()).fetch("http://127.0.0.1:" + closedPort + "/x.jar", null))
                .isInstanceOfSatisfying(UrlFetchFailedException.class, e -> assertThat(e.properties()).isEmpty())
                .hasMessageContaining("could not be reached");
    }

    @Test
    void refusesDeclaredLengthOverTheMaximumBeforeReadingTheBody() throws IOException {
        // The body would take far longer than the timeout to arrive: only the declared length can refuse it in time.
        server.stubFor(get("/big.jar").willReturn(aResponse().withBody(JAR)
                .withHeader("Content-Length", String.valueOf(JAR.length)).withChunkedDribbleDelay(200, 40_000)));
        UrlFetcher fetcher = fetcher(settings().maxJarSize(DataSize.ofKilobytes(10)).urlTimeout(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> fetcher.fetch(url("/big.jar"), null))
                .isInstanceOfSatisfying(JarTooLargeException.class, e -> assertThat(e.maxBytes()).isEqualTo(10 * 1024));
        assertThat(receiver.scratchDirectory()).isEmptyDirectory();
    }

    @Test
    void refusesUndeclaredLengthOverTheMaximumWhileReading() throws IOException {
        server.stubFor(get("/big.jar").willReturn(aResponse().withBody(JAR).withChunkedDribbleDelay(4, 40)));
        UrlFetcher fetcher = fetcher(settings().maxJarSize(DataSize.ofKilobytes(10)));

        assertThatThrownBy(() -> fetcher.fetch(url("/big.jar"), null)).isInstanceOf(JarTooLargeException.class);
        assertThat(receiver.scratchDirectory()).isEmptyDirectory();
    }

    @Test
    void givesUpOnABodyThatStallsPastTheTimeout() throws IOException {
        server.stubFor(get("/slow.jar").willReturn(aResponse().withBody(JAR).withChunkedDribbleDelay(200, 40_000)));
        UrlFetcher fetcher = fetcher(settings().urlTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(url("/slow.jar"), null))
                .isInstanceOfSatisfying(UrlFetchFailedException.class, e -> assertThat(e.code()).isEqualTo("URL_FETCH_FAILED"))
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(receiver.scratchDirectory()).isEmptyDirectory();
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerWithinTheTimeout() throws IOException {
        server.stubFor(get("/silent.jar").willReturn(aResponse().withBody(JAR).withFixedDelay(30_000)));
        UrlFetcher fetcher = fetcher(settings().urlTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(url("/silent.jar"), null))
                .isInstanceOf(UrlFetchFailedException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusesTheLoopbackAddressByDefault() throws IOException {
        assertThatThrownBy(() -> fetcher(settings().allowPrivateAddresses(false)).fetch(url("/x.jar"), null))
                .isInstanceOfSatisfying(UrlNotAllowedException.class, e -> assertThat(e.code()).isEqualTo("URL_NOT_ALLOWED"));
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://localhost/x.jar",
        "http://169.254.169.254/latest/meta-data",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[::1]/x.jar",
        "http://10.0.0.1/x.jar",
        "http://[::ffff:127.0.0.1]/x.jar",
        "http://0.0.0.0/x.jar",
        "http://0177.0.0.1/x.jar",
        "http://0x7f.1/x.jar",
        "http://2130706433/x.jar",
        "http://127.1:8080/x.jar",
        "http://012.0.0.1/x.jar",
        "http://[2002:7f00:1::]/x.jar",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x.jar",
        "http://[64:ff9b::a00:1]/x.jar",
        "http://[::ffff:7f00:1]/x.jar",
        "http://198.51.100.1/x.jar",
        "http://[2001:db8::1]/x.jar",
        "ftp://example.com/x.jar",
        "file:///etc/passwd",
        "jar:http://example.com/x.jar!/",
        "mailto:someone@example.com",
        "//example.com/x.jar",
        "http://user:secret@example.com/x.jar",
        "https://token@example.com/x.jar",
        "http:///x.jar",
        "http://exa mple.com/x.jar",
        "",
    })
    void refusesUrlsThatAreNotPublicHttp(String url) throws IOException {
        assertThatThrownBy(() -> fetcher(settings().allowPrivateAddresses(false)).fetch(url, null))
                .isInstanceOfSatisfying(UrlNotAllowedException.class, e -> {
                    assertThat(e.code()).isEqualTo("URL_NOT_ALLOWED");
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0x7f.1/x.jar", "http://2130706433:8080/x.jar", "http://0177.0.0.1/x.jar",
        "http://012.0.0.1/x.jar"})
    void saysWhyANumericHostIsRefusedWithoutAskingIt(String url) throws IOException {
        assertThatThrownBy(() -> fetcher(settings().allowPrivateAddresses(false)).fetch(url, null))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("four decimal numbers");
    }

    private void redirectChain(int redirects) {
        for (int i = 0; i < redirects; i++) {
            server.stubFor(get("/hop/" + i).willReturn(aResponse().withStatus(302).withHeader("Location", "/hop/" + (i + 1))));
        }
        server.stubFor(get("/hop/" + redirects).willReturn(aResponse().withBody(JAR)));
    }

    private UrlFetcher fetcher(Settings settings) throws IOException {
        receiver = settings.receiver(dataDir);
        return new UrlFetcher(settings.urls(), receiver);
    }

    /** A fetcher whose address checks trust only the given policy, not the settings. */
    private UrlFetcher fetcher(Settings settings, AddressPolicy addresses) throws IOException {
        receiver = settings.receiver(dataDir);
        return new UrlFetcher(settings.urls(), receiver, addresses);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    private static Settings settings() {
        return new Settings();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registry settings for a test; by default private addresses are allowed, so the local server can be used. */
    private static final class Settings {
        private List<String> allowedPrefixes = List.of();
        private boolean allowPrivateAddresses = true;
        private Duration urlTimeout = Duration.ofSeconds(10);
        private DataSize maxJarSize = DataSize.ofMegabytes(1);

        Settings allowedPrefixes(String... prefixes) {
            this.allowedPrefixes = List.of(prefixes);
            return this;
        }

        Settings allowPrivateAddresses(boolean allow) {
            this.allowPrivateAddresses = allow;
            return this;
        }

        Settings urlTimeout(Duration timeout) {
            this.urlTimeout = timeout;
            return this;
        }

        Settings maxJarSize(DataSize size) {
            this.maxJarSize = size;
            return this;
        }

        UrlProperties urls() {
            return new UrlProperties(allowedPrefixes, allowPrivateAddresses, urlTimeout);
        }

        JarReceiver receiver(Path dataDir) throws IOException {
            return new JarReceiver(new StorageProperties(dataDir, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(24)),
                    new UploadProperties(maxJarSize, 1, 1, Duration.ofSeconds(30), 16,
                            org.springframework.util.unit.DataSize.ofMegabytes(512)),
                    dev.flinkregistry.server.storage.RealStore.under(dataDir.resolve("blobs")));
        }
    }
}
