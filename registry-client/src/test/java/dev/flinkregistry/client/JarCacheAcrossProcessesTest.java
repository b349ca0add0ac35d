package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified JAR cache shared by several JVMs, as when task managers on one host fetch a job's
 * JARs at once. Four {@code java} processes ({@link CacheFetchingProcess}) are released together
 * to fetch the same digest into the same directory: from a file-based downloader that leaves a
 * marker per download, and through the HTTP client from a slow WireMock server. Exactly one
 * download may happen, and every process must end with the verified file.
 */
class JarCacheAcrossProcessesTest {

    private static final int PROCESSES = 4;
    private static final byte[] JAR = TestJars.bytes(4_000_000, 21);
    private static final String SHA = TestJars.sha256(JAR);

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    @Test
    void downloadsOnceWhenFourProcessesFetchTheSameDigestFromAFile() throws Exception {
        Path source = TestJars.write(temp, "source.jar", JAR);

        List<String> outputs = runTogether("file", source.toString());

        assertThat(markers("download-")).hasSize(1);
        assertEveryProcessGotTheVerifiedFile(outputs);
    }

    @Test
    void downloadsOnceWhenFourProcessesFetchTheSameDigestOverHttp() throws Exception {
        String path = "/api/v1/workspaces/default/jars/" + SHA;
        registry.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/java-archive").withBody(JAR).withFixedDelay(300)));

        List<String> outputs = runTogether("http", registry.baseUrl());

        registry.verify(1, getRequestedFor(urlPathEqualTo(path)));
        assertEveryProcessGotTheVerifiedFile(outputs);
    }

    private void assertEveryProcessGotTheVerifiedFile(List<String> outputs) {
        Path expected = new JarCache(temp.resolve("cache")).fileOf(SHA);
        assertThat(outputs).hasSize(PROCESSES).allSatisfy(line ->
                assertThat(line).isEqualTo(expected.toAbsolutePath() + " " + SHA));
        assertThat(expected).hasBinaryContent(JAR);
    }

    /** Starts the processes, releases them together once all are ready, and returns their last output lines. */
    private List<String> runTogether(String mode, String source) throws Exception {
        Path signals = Files.createDirectories(temp.resolve("signals"));
        Path cache = temp.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                Path log = temp.resolve("process-" + i + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), CacheFetchingProcess.class.getName(),
                        mode, cache.toString(), SHA, source, signals.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            awaitReady(signals, processes, logs);
            Files.createFile(signals.resolve("go"));
            List<String> outputs = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                Process process = processes.get(i);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    fail("Process " + i + " did not finish within 60 s:\n" + read(logs.get(i)));
                }
                String log = read(logs.get(i));
                assertThat(process.exitValue()).as("exit status of process %d, output:%n%s", i, log).isZero();
                List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
                outputs.add(lines.get(lines.size() - 1));
            }
            return outputs;
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private void awaitReady(Path signals, List<Process> processes, List<Path> logs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (markers("ready-").size() < PROCESSES) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    fail("Process " + i + " ended before it was ready:\n" + read(logs.get(i)));
                }
            }
            if (System.nanoTime() > deadline) {
                fail("Only " + markers("ready-").size() + " of " + PROCESSES + " processes got ready within 60 s");
            }
            processes.get(0).waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    private List<Path> markers(String prefix) throws IOException {
        Path signals = temp.resolve("signals");
        try (Stream<Path> files = Files.list(signals)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
