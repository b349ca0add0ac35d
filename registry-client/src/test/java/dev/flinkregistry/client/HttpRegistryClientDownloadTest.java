package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.TestJars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How JAR downloads travel, seen from WireMock servers and raw sockets on 127.0.0.1: redirects on
 * the same server (the token kept) and to another one (the token left out); the JVM's proxy
 * selector; a server that trickles its headers past the request timeout (its connection is closed
 * once the attempt is abandoned); and a cache file that cannot be written (final, not retried).
 */
class HttpRegistryClientDownloadTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension mirror = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private static String jarPath(byte[] jar) {
        return "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
    }

    @Test
    void followsARedirectOnTheSameServerWithTheToken() {
        byte[] jar = TestJars.bytes(20_000, 21);
        registry.stubFor(get(urlPathEqualTo(jarPath(jar))).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/blobs/" + TestJars.sha256(jar))));
        registry.stubFor(get(urlPathEqualTo("/blobs/" + TestJars.sha256(jar)))
                .willReturn(aResponse().withStatus(200).withBody(jar)));

        Path fetched = RegistryClient.builder().server(registry.baseUrl()).token("s3cr3t").retry(FAST)
                .cacheDirectory(temp).build().fetch(TestJars.sha256(jar));

        assertThat(fetched).hasBinaryContent(jar);
        registry.verify(1, getRequestedFor(urlPathEqualTo("/blobs/" + TestJars.sha256(jar)))
                .withHeader("Authorization", equalTo("Bearer s3cr3t")));
    }

    @Test
    void followsARedirectToAnotherServerWithoutTheToken() {
        byte[] jar = TestJars.bytes(20_000, 22);
        registry.stubFor(get(urlPathEqualTo(jarPath(jar))).willReturn(aResponse().withStatus(307)
                .withHeader("Location", mirror.baseUrl() + "/mirror/" + TestJars.sha256(jar))));
        mirror.stubFor(get(urlPathEqualTo("/mirror/" + TestJars.sha256(jar)))
                .willReturn(aResponse().withStatus(200).withBody(jar)));

        Path fetched = RegistryClient.builder().server(registry.baseUrl()).token("s3cr3t").retry(FAST)
                .cacheDirectory(temp).build().fetch(TestJars.sha256(jar));

        assertThat(fetched).hasBinaryContent(jar);
        registry.verify(1, getRequestedFor(urlPathEqualTo(jarPath(jar))).withHeader("Authorization",
                equalTo("Bearer s3cr3t")));
        mirror.verify(1, getRequestedFor(urlPathEqualTo("/mirror/" + TestJars.sha256(jar)))
                .withHeader("Authorization", absent()));
    }

    @Test
    void goesThroughTheProxyTheJvmSelects() {
        byte[] jar = TestJars.bytes(20_000, 23);
        String sha256 = TestJars.sha256(jar);
        // The "proxy" is the mirror WireMock, which answers the proxied request itself.
        mirror.stubFor(get(urlPathEqualTo(jarPath(jar))).willReturn(aResponse().withStatus(200).withBody(jar)));
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return "registry.invalid".equals(uri.getHost())
                        ? List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", mirror.getPort())))
                        : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // Nothing to learn.
            }
        });
        try {
            Path fetched = RegistryClient.builder().server("http://registry.invalid").retry(FAST).cacheDirectory(temp)
                    .build().fetch(sha256);

            assertThat(fetched).hasBinaryContent(jar);
            mirror.verify(1, getRequestedFor(urlPathEqualTo(jarPath(jar))));
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void closesTheConnectionOfAServerThatTricklesItsHeadersOnceTheAttemptIsAbandoned() throws Exception {
        byte[] jar = TestJars.bytes(20_000, 24);
        mirror.stubFor(get(urlPathEqualTo(jarPath(jar))).willReturn(aResponse().withStatus(200).withBody(jar)));
        CompletableFuture<Long> trickledUntil = new CompletableFuture<>();
        try (ServerSocket trickling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket connection = trickling.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    OutputStream out = connection.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    // A header byte every 50 ms, for up to 30 s: each read of the client gets something.
                    for (int i = 0; i < 600; i++) {
                        out.write(i % 2 == 0 ? 'X' : '-');
                        out.flush();
                        Thread.sleep(50);
                    }
                    trickledUntil.complete(-1L);
                } catch (IOException closed) {
                    trickledUntil.complete(System.nanoTime());
                } catch (InterruptedException e) {
                    trickledUntil.complete(-1L);
                }
            });
            server.setDaemon(true);
            server.start();
            HttpRegistryClient client = RegistryClient.builder()
                    .server("http://127.0.0.1:" + trickling.getLocalPort()).server(mirror.baseUrl()).retry(FAST)
                    .requestTimeout(Duration.ofMillis(400)).cacheDirectory(temp).build();

            Path fetched = client.fetch(TestJars.sha256(jar));
            long fetchedAt = System.nanoTime();

            assertThat(fetched).hasBinaryContent(jar);
            long closedAt = trickledUntil.get(20, TimeUnit.SECONDS);
            assertThat(closedAt).as("the client closed the trickling connection").isPositive();
            assertThat(Duration.ofNanos(closedAt - fetchedAt)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aCacheFileThatCannotBeWrittenIsAFinalFailureNotARetry() {
        Path nowhere = temp.resolve("missing-directory").resolve("x.jar.part.0");

        assertThatThrownBy(() -> HashedFile.write(new ByteArrayInputStream(new byte[10]), nowhere))
                .isInstanceOf(RegistryClientException.class).hasMessageContaining("Could not write");
    }
}
