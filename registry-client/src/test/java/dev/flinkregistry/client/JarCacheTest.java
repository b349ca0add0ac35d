package dev.flinkregistry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified JAR cache within one process. Scenarios: a warm cache (the downloader must not be
 * called, also from a new cache object on the same directory); a cached file corrupted in place
 * with its size kept; a lost verification marker; a downloader that delivers other bytes, or
 * fails; a digest that is not lower-case hex; many threads fetching the same digest at once.
 */
class JarCacheTest {

    private static final byte[] JAR = TestJars.bytes(200_000, 11);
    private static final String SHA = TestJars.sha256(JAR);

    @TempDir
    Path dir;

    private static JarCache.Downloader writing(byte[] bytes, AtomicInteger calls) {
        return file -> {
            calls.incrementAndGet();
            Files.write(file, bytes);
            return null;
        };
    }

    private static JarCache.Downloader mustNotDownload() {
        return file -> {
            throw new AssertionError("the cache downloaded although it holds verified bytes");
        };
    }

    @Test
    void downloadsAMissingJarOnceAndServesItVerifiedFromTheCacheAfterwards() throws IOException {
        JarCache cache = new JarCache(dir);
        AtomicInteger downloads = new AtomicInteger();

        Path fetched = cache.fetch(SHA, writing(JAR, downloads));
        Path again = cache.fetch(SHA, mustNotDownload());
        Path fromAnotherCacheObject = new JarCache(dir).fetch(SHA, mustNotDownload());

        assertThat(downloads).hasValue(1);
        assertThat(fetched).isEqualTo(again).isEqualTo(fromAnotherCacheObject).isEqualTo(cache.fileOf(SHA));
        assertThat(fetched).startsWith(dir).hasBinaryContent(JAR);
        assertThat(cache.lookup(SHA)).contains(fetched);
    }

    @Test
    void looksUpNothingForADigestNeverFetched() throws IOException {
        assertThat(new JarCache(dir).lookup(SHA)).isEmpty();
    }

    @Test
    void fetchesAgainWhenTheCachedFileWasCorruptedInPlace() throws IOException {
        JarCache cache = new JarCache(dir);
        Path cached = cache.fetch(SHA, writing(JAR, new AtomicInteger()));
        FileTime verifiedAt = Files.getLastModifiedTime(cached);
        byte[] corrupt = JAR.clone();
        corrupt[1000] ^= 0x5a;
        Files.write(cached, corrupt);
        // Same size; the modification time is what changed (set explicitly so a coarse clock cannot hide it).
        Files.setLastModifiedTime(cached, FileTime.fromMillis(verifiedAt.toMillis() + 2_000));
        AtomicInteger downloads = new AtomicInteger();

        assertThat(cache.lookup(SHA)).isEmpty();
        Path repaired = cache.fetch(SHA, writing(JAR, downloads));

        assertThat(downloads).hasValue(1);
        assertThat(repaired).hasBinaryContent(JAR);
        assertThat(cache.fetch(SHA, mustNotDownload())).isEqualTo(repaired);
    }

    @Test
    void hashesAgainInsteadOfDownloadingWhenOnlyTheVerificationMarkerIsLost() throws IOException {
        JarCache cache = new JarCache(dir);
        Path cached = cache.fetch(SHA, writing(JAR, new AtomicInteger()));
        try (Stream<Path> files = Files.list(cached.getParent())) {
            for (Path marker : files.filter(p -> p.getFileName().toString().endsWith(".verified")).toList()) {
                Files.delete(marker);
            }
        }

        assertThat(cache.fetch(SHA, mustNotDownload())).isEqualTo(cached).hasBinaryContent(JAR);
    }

    @Test
    void refusesADownloadWithOtherBytesAndCachesNothing() throws IOException {
        JarCache cache = new JarCache(dir);

        assertThatThrownBy(() -> cache.fetch(SHA, writing(TestJars.bytes(200_000, 12), new AtomicInteger())))
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("expected " + SHA);

        assertThat(cache.lookup(SHA)).isEmpty();
        assertThat(cache.fileOf(SHA)).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void propagatesAFailedDownloadAndCachesNothing() throws IOException {
        JarCache cache = new JarCache(dir);

        assertThatThrownBy(() -> cache.fetch(SHA, file -> {
            Files.write(file, new byte[] {1, 2, 3});
            throw new IOException("connection reset");
        })).isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(cache.fileOf(SHA)).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(cache.fetch(SHA, writing(JAR, new AtomicInteger()))).hasBinaryContent(JAR);
    }

    @Test
    void refusesADigestThatIsNotLowerCaseHex() {
        JarCache cache = new JarCache(dir);

        assertThatThrownBy(() -> cache.fileOf(SHA.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.fetch("../../etc/passwd", mustNotDownload()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.fetch(SHA.substring(1), mustNotDownload()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void downloadsOnceWhenManyThreadsFetchTheSameDigestAtOnce() throws Exception {
        JarCache cache = new JarCache(dir);
        AtomicInteger downloads = new AtomicInteger();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.fetch(SHA, writing(JAR, downloads));
                }));
            }
            start.countDown();
            for (Future<Path> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(cache.fileOf(SHA)).hasBinaryContent(JAR);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(downloads).hasValue(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void defaultsToAUserCacheDirectory() {
        Path directory = JarCache.defaultDirectory();

        assertThat(directory.isAbsolute()).isTrue();
        assertThat(directory.endsWith(Path.of("flink-connector-registry", "jars"))).as(directory.toString()).isTrue();
    }

    /** Temporary download files left behind. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
