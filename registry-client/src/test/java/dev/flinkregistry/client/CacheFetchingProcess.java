package dev.flinkregistry.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The main class of one of several processes that fetch the same digest into the same cache at
 * once, started by {@link JarCacheAcrossProcessesTest}. It announces itself with a {@code ready-}
 * file, waits for the {@code go} file so that all processes start together, fetches, records each
 * download it makes with a {@code download-} file, and prints the cached path and its SHA-256.
 *
 * <p>Arguments: {@code file CACHE_DIR SHA256 SOURCE_JAR SIGNAL_DIR} (copies a file as the download)
 * or {@code http CACHE_DIR SHA256 SERVER_URL SIGNAL_DIR} (fetches through {@link HttpRegistryClient}).
 */
public final class CacheFetchingProcess {

    private CacheFetchingProcess() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path cacheDir = Path.of(args[1]);
        String sha256 = args[2];
        String source = args[3];
        Path signals = Path.of(args[4]);
        long pid = ProcessHandle.current().pid();
        Files.createFile(signals.resolve("ready-" + pid));
        awaitFile(signals.resolve("go"), Duration.ofSeconds(60));

        Path cached;
        if (mode.equals("file")) {
            cached = new JarCache(cacheDir).fetch(sha256, file -> {
                Files.createFile(signals.resolve("download-" + pid));
                Files.copy(Path.of(source), file, StandardCopyOption.REPLACE_EXISTING);
                return null;
            });
        } else {
            try (HttpRegistryClient client = RegistryClient.builder().server(source).cacheDirectory(cacheDir)
                    .retry(RetryPolicy.none()).build()) {
                cached = client.fetch(sha256);
            }
        }
        System.out.println(cached.toAbsolutePath() + " " + JarCache.sha256Of(cached));
    }

    private static void awaitFile(Path file, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("No " + file + " within " + timeout);
            }
            Thread.sleep(2);
        }
    }
}
