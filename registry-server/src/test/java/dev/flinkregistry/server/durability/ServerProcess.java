package dev.flinkregistry.server.durability;

import static org.assertj.core.api.Assertions.fail;

import dev.flinkregistry.server.support.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged server ({@code target/registry-server-*.jar}) as a real operating-system process,
 * so a test can kill it the way a crash, an OOM kill or a pulled plug would: no shutdown hooks,
 * no finally blocks, no flush.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The packaged server JAR (system property {@code registry.server.jar}, else the one in
     * {@code target/}), copied into {@code workDir} so that a rebuild of {@code target/} while
     * the test runs (another build on the same tree) cannot pull the classes from under the process.
     */
    static Path packagedServer(Path workDir) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<Path> candidates = new ArrayList<>();
        String named = System.getProperty("registry.server.jar");
        if (named != null && !named.isBlank()) {
            Path jar = Path.of(named).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                fail("The packaged server JAR " + jar + " (system property registry.server.jar) is missing: build it"
                        + " first (cd registry-server && mvn -o package -DskipTests); in a full build this test runs"
                        + " in the integration-test phase, after package");
            }
            candidates.add(jar);
        } else if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                files.filter(p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith("registry-server-") && name.endsWith(".jar")
                            && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                            && !name.endsWith("-tests.jar");
                }).forEach(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            fail("The packaged server JAR target/registry-server-<version>.jar is missing under " + target
                    + ": build it first (cd registry-server && mvn -o package -DskipTests); in a full build"
                    + " this test runs in the integration-test phase, after package");
        }
        Path copy = workDir.resolve("registry-server.jar");
        Files.copy(candidates.get(0), copy);
        return copy;
    }

    /** A port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code java -jar server.jar} on the port, data directory and database properties given. */
    static ServerProcess start(Path serverJar, int port, Path dataDir, Map<String, Object> properties, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar", serverJar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--registry.storage.data-dir=" + dataDir.toAbsolutePath(),
                "--spring.main.banner-mode=off"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the arguments say: no datasource or data directory from the test's environment.
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("REGISTRY_"));
        return new ServerProcess(builder.start(), port, log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Polls {@code /actuator/health} until it says UP; fails early if the process died. */
    void awaitHealthy(Duration deadline) {
        Await.until("the server process answers /actuator/health with UP", deadline, () -> {
            if (!process.isAlive()) {
                fail("The server process exited with " + process.exitValue() + " before it was healthy:\n"
                        + logTail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200 && health.body().contains("\"UP\"");
            } catch (ConnectException notListeningYet) {
                return false;
            } catch (IOException notReadyYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, this::logTail);
    }

    /** Kills the server and every process it started, without warning, and waits until they are gone. */
    void kill() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        handle.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("The server process " + process.pid() + " did not die within 30 s of SIGKILL");
            }
            for (ProcessHandle child : tree) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new AssertionError("A process the server started did not die", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The end of the server's console output, for failure messages. */
    String logTail() {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return "--- server log (" + log + ") ---\n"
                    + (text.length() > 6000 ? "…" + text.substring(text.length() - 6000) : text);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
