package dev.flinkregistry.client.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.JarDigestMismatchException;
import dev.flinkregistry.client.NotFoundException;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RetryPolicy;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinned JARs into a directory, as the Kubernetes init container does: verified, all or nothing.
 * Bad inputs tried: a body with other bytes than pinned, a 404 for one JAR, two JARs of one name,
 * and as {@code NAME=SHA256@URL}: a path as the name, a name not ending in .jar, an upper-case or
 * short digest, an ftp URL, no {@code @}.
 */
class PinnedInstallTest {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20));
    private static final byte[] FIRST = TestJars.bytes(300_000, 31);
    private static final byte[] SECOND = TestJars.bytes(200_000, 32);

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private HttpRegistryClient client() {
        return RegistryClient.builder().server(registry.baseUrl()).token("s3cr3t").retry(FAST)
                .cacheDirectory(temp.resolve("cache")).build();
    }

    private PinnedJar served(String name, byte[] pinned, byte[] served) {
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(pinned);
        registry.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(served)));
        return PinnedJar.parse(name + "=" + TestJars.sha256(pinned) + "@" + registry.baseUrl() + path);
    }

    @Test
    void putsEveryVerifiedJarIntoTheDirectoryWithTheToken() {
        List<PinnedJar> jars = List.of(served("first-1.jar", FIRST, FIRST), served("second-1.jar", SECOND, SECOND));

        List<Path> files = new PinnedInstall(client()).into(temp.resolve("usrlib"), jars);

        assertThat(files).containsExactly(temp.resolve("usrlib/first-1.jar"), temp.resolve("usrlib/second-1.jar"));
        assertThat(files.get(0)).hasBinaryContent(FIRST);
        assertThat(files.get(1)).hasBinaryContent(SECOND);
        assertThat(names(temp.resolve("usrlib"))).containsExactlyInAnyOrder("first-1.jar", "second-1.jar");
        for (PinnedJar jar : jars) {
            registry.verify(1, getRequestedFor(urlPathEqualTo(jar.url().getPath()))
                    .withHeader("Authorization", equalTo("Bearer s3cr3t")));
        }
    }

    @Test
    void keepsNothingWhenOneJarHasOtherBytes() {
        byte[] tampered = FIRST.clone();
        tampered[1000] ^= 1;
        List<PinnedJar> jars = List.of(served("second-1.jar", SECOND, SECOND), served("first-1.jar", FIRST, tampered));

        assertThatThrownBy(() -> new PinnedInstall(client()).into(temp.resolve("usrlib"), jars))
                .isInstanceOfSatisfying(JarDigestMismatchException.class, e -> {
                    assertThat(e.fileName()).isEqualTo("first-1.jar");
                    assertThat(e.expected()).isEqualTo(TestJars.sha256(FIRST));
                    assertThat(e.actual()).isEqualTo(TestJars.sha256(tampered));
                })
                .hasMessageContaining("SHA-256 mismatch for first-1.jar");
        assertThat(names(temp.resolve("usrlib"))).isEmpty();
    }

    @Test
    void keepsNothingWhenOneJarIsMissing() {
        PinnedJar good = served("second-1.jar", SECOND, SECOND);
        String missing = "/api/v1/workspaces/default/jars/" + TestJars.sha256(FIRST);
        registry.stubFor(get(urlPathEqualTo(missing)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"code\":\"VERSION_NOT_FOUND\",\"detail\":\"gone\"}")));
        PinnedJar gone = new PinnedJar("first-1.jar", TestJars.sha256(FIRST), URI.create(registry.baseUrl() + missing));

        assertThatThrownBy(() -> new PinnedInstall(client()).into(temp.resolve("usrlib"), List.of(good, gone)))
                .isInstanceOf(NotFoundException.class);
        assertThat(names(temp.resolve("usrlib"))).isEmpty();
    }

    @Test
    void refusesTwoJarsOfOneName() {
        PinnedJar one = served("same.jar", FIRST, FIRST);
        PinnedJar two = served("same.jar", SECOND, SECOND);

        assertThatThrownBy(() -> new PinnedInstall(client()).into(temp.resolve("usrlib"), List.of(one, two)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same.jar");
        assertThat(temp.resolve("usrlib")).doesNotExist();
    }

    @Test
    void readsOnlyPlainNamesDigestsAndHttpUrls() {
        String sha = TestJars.sha256(FIRST);
        assertThat(PinnedJar.parse("kafka-3.jar=" + sha + "@https://registry.example.com/api/v1/workspaces/default/jars/"
                + sha)).extracting(PinnedJar::fileName, PinnedJar::sha256).containsExactly("kafka-3.jar", sha);
        for (String bad : List.of("../kafka.jar=" + sha + "@https://r/x", "lib/kafka.jar=" + sha + "@https://r/x",
                "kafka.zip=" + sha + "@https://r/x", "kafka.jar=" + sha.toUpperCase() + "@https://r/x",
                "kafka.jar=" + sha.substring(1) + "@https://r/x", "kafka.jar=" + sha + "@ftp://r/x",
                "kafka.jar=" + sha + "https://r/x", ".hidden.jar=" + sha + "@https://r/x")) {
            assertThatThrownBy(() -> PinnedJar.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
