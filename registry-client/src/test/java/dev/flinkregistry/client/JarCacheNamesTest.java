package dev.flinkregistry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readable names for cached JARs: beside the content-addressed file, the same bytes, and a name from
 * the registry can never leave the cache's directory. Hostile names tried: {@code ../x},
 * {@code /etc/passwd}, {@code ..\\..\\win.ini}, a NUL, a line break, 10,000 characters, only dots,
 * empty, blank, non-ASCII.
 */
class JarCacheNamesTest {

    @TempDir
    Path temp;

    private Path cached(byte[] bytes) throws IOException {
        String sha = TestJars.sha256(bytes);
        return new JarCache(temp.resolve("cache")).fetch(sha, file -> {
            Files.write(file, bytes);
            return null;
        });
    }

    @Test
    void namesTheCachedBytesByConnectorAndVersionBesideTheDigest() throws IOException {
        byte[] bytes = TestJars.bytes(5_000, 1);
        String sha = TestJars.sha256(bytes);
        Path file = cached(bytes);

        Path named = JarCache.readable(file, sha, "sequence-2.jar");

        assertThat(named).isEqualTo(file.resolveSibling("sequence-2-" + sha.substring(0, 12) + ".jar"));
        assertThat(named).hasBinaryContent(bytes);
        assertThat(Files.isSameFile(named, file)).isTrue();
        assertThat(JarCache.readable(file, sha, "sequence-2.jar")).isEqualTo(named);
    }

    @Test
    void aNameLeftFromOtherBytesIsReplaced() throws IOException {
        byte[] bytes = TestJars.bytes(5_000, 2);
        String sha = TestJars.sha256(bytes);
        Path file = cached(bytes);
        Path stale = file.resolveSibling("sequence-2-" + sha.substring(0, 12) + ".jar");
        Files.write(stale, new byte[] {1, 2, 3});

        assertThat(JarCache.readable(file, sha, "sequence-2.jar")).hasBinaryContent(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "..\\..\\win.ini", "a\u0000b.jar", "a\nb", "...", ".hidden.jar",
        "../../../../../../tmp/evil.jar", "ünïcødé.jar", "CON"})
    void aHostileNameNeverLeavesTheDirectory(String name) throws IOException {
        byte[] bytes = TestJars.bytes(1_000, 3);
        String sha = TestJars.sha256(bytes);
        Path file = cached(bytes);

        Path named = JarCache.readable(file, sha, name);

        assertThat(named.getParent()).isEqualTo(file.getParent());
        assertThat(named.getFileName().toString()).matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.jar");
        assertThat(named).hasBinaryContent(bytes);
        try (Stream<Path> outside = Files.list(temp)) {
            assertThat(outside).containsExactly(temp.resolve("cache"));
        }
    }

    @Test
    void aVeryLongNameIsCut() throws IOException {
        byte[] bytes = TestJars.bytes(1_000, 4);
        String sha = TestJars.sha256(bytes);

        Path named = JarCache.readable(cached(bytes), sha, "x".repeat(10_000));

        assertThat(named.getFileName().toString()).hasSize(64 + 1 + 12 + 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/", "..", "../"})
    void noUsableNameKeepsTheDigestsOwnFile(String name) throws IOException {
        byte[] bytes = TestJars.bytes(1_000, 5);
        Path file = cached(bytes);

        assertThat(JarCache.readable(file, TestJars.sha256(bytes), name)).isEqualTo(file);
    }
}
