package dev.flinkregistry.server.support;

import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged remote analysis service ({@code registry-analysis-service.jar}, which the build copies to
 * {@code target/analysis-service/}) as its own {@code java -jar} process on a free loopback port: the
 * server under test reaches it over real HTTP, as in a cluster. {@link #shared()} is one for every
 * suite of a test JVM; {@link #start(Map)} a private one a test may stop.
 */
public final class AnalysisServiceProcess implements AutoCloseable {

    public static final String TOKEN = "remote-test-token-9f1c2e7a-0b3d-4c5e-8f6a-1b2c3d4e5f60";

    private static AnalysisServiceProcess shared;

    private final Process process;
    private final int port;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AnalysisServiceProcess(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /** The service every remote suite of this JVM shares, started at the first call, stopped with the JVM. */
    public static synchronized AnalysisServiceProcess shared() {
        if (shared == null || !shared.isAlive()) {
            shared = start(Map.of());
            AnalysisServiceProcess started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-analysis-service"));
        }
        return shared;
    }

    /** Starts a service of its own and waits until it is ready (its isolation probe passed). */
    public static AnalysisServiceProcess start(Map<String, String> settings) {
        try {
            Path workDir = Files.createTempDirectory("analysis-service-");
            int port = Loopback.freePort();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("server.port", String.valueOf(port));
            all.put("server.address", "127.0.0.1");
            all.put("registry.analysis.work-dir", workDir.resolve("work").toString());
            all.put("registry.analysis.remote.token", TOKEN);
            all.put("registry.analysis.timeout", "20s");
            all.putAll(settings);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx384m", "-jar", jar().toString()));
            all.forEach((key, value) -> command.add("--" + key + "=" + value));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("service.log").toFile());
            // Only what the arguments say; FCR_TEST_CANARY stays, a secret of the service no answer may show.
            builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("REGISTRY_"));
            AnalysisServiceProcess service = new AnalysisServiceProcess(builder.start(), port, workDir);
            try {
                service.awaitReady();
            } catch (RuntimeException | AssertionError e) {
                service.close();
                throw e;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server settings that send its analyses to this service. */
    public Map<String, Object> serverSettings() {
        return Map.of("registry.analysis.remote.url", baseUrl(), "registry.analysis.remote.token", TOKEN);
    }

    /** The service's own analysis of the JAR for Flink 1.20, asked directly with the token. */
    public RegistryHttp.Answer analyze(Path jar) {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                            + "/v1/analyses?flinkVersion=1.20")).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(jar)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new RegistryHttp.Answer(answer.statusCode(), answer.headers(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process (as a crashed or evicted pod) and waits until its port is closed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileSystemUtils.deleteRecursively(workDir.toFile());
    }

    private void awaitReady() {
        Await.until("the analysis service is ready", Duration.ofMinutes(3), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The analysis service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return ready.statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, this::log);
    }

    private String log() {
        try {
            String log = Files.readString(workDir.resolve("service.log"));
            return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("registry.analysis.service.jar",
                "target/analysis-service/registry-analysis-service.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("The packaged analysis service " + jar + " is missing: build with "
                    + "mvn -pl registry-server -am verify, which packages it first");
        }
        return jar;
    }
}
