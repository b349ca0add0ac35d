package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.fail;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged registry server ({@code registry-server.jar}, copied by the build to
 * {@code target/server}) as its own {@code java -jar} process on a free loopback port, with a
 * fresh data directory. A separate process keeps Spring Boot 4 and Flink on separate class paths,
 * and runs the server exactly as users do.
 */
final class RegistryServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    private final Process process;
    private final String baseUrl;
    private final Path workDir;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String adminToken;

    private RegistryServerProcess(Process process, String baseUrl, Path workDir, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.workDir = workDir;
        this.log = log;
    }

    /**
     * The platform administrator's token the server created at its first start; null for a server
     * that trusts an OpenID Connect provider, which creates none.
     */
    String adminToken() {
        return adminToken;
    }

    /** Starts a server with its data under {@code workDir} and extra Spring properties; waits until it is healthy. */
    static RegistryServerProcess start(Path workDir, Map<String, String> properties) {
        Path jar = Path.of(System.getProperty("registry.server.jar", "target/server/registry-server.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("The packaged server " + jar.toAbsolutePath() + " is missing: build it first (mvn -B install -DskipTests"
                    + " at the repository root); the build copies it here in generate-test-resources");
        }
        try {
            int port = freePort();
            Path log = workDir.resolve("server.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--registry.storage.data-dir=" + workDir.resolve("data").toAbsolutePath(),
                    "--registry.analysis.timeout=120s",
                    "--spring.main.banner-mode=off"));
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("REGISTRY_"));
            RegistryServerProcess server = new RegistryServerProcess(builder.start(), "http://127.0.0.1:" + port,
                    workDir, log);
            try {
                server.awaitHealthy();
                // A server that trusts an OpenID Connect provider creates no token of its own at its first start.
                if (!properties.containsKey("registry.auth.oidc.issuer-uri")) {
                    server.adminToken = server.awaitInitialAdminToken(workDir.resolve("data").resolve("initial-admin-token"));
                }
            } catch (RuntimeException | AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy() {
        Await.until("the registry server answers /actuator/health with UP", STARTUP, () -> {
            if (!process.isAlive()) {
                fail("The registry server exited with " + process.exitValue() + " before it was healthy:\n" + logTail());
            }
            try {
                HttpResponse<String> health = get("/actuator/health");
                return health.statusCode() == 200 && health.body().contains("\"UP\"");
            } catch (IOException notListeningYet) {
                return false;
            }
        }, this::logTail);
    }

    /**
     * The token the first start writes; it may come a moment after the server reports healthy, since
     * the server writes it once it has started.
     */
    private String awaitInitialAdminToken(Path file) {
        Await.until("the registry server wrote " + file, STARTUP, () -> {
            try {
                return Files.isRegularFile(file) && Files.readString(file).strip().startsWith("fcr_");
            } catch (IOException stillBeingWritten) {
                return false;
            }
        }, this::logTail);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A client of this server for a workspace, caching JARs in {@code cacheDir}. */
    HttpRegistryClient client(String workspace, Path cacheDir) {
        return RegistryClient.builder().server(baseUrl).workspace(workspace).cacheDirectory(cacheDir)
                .token(adminToken).requestTimeout(Duration.ofMinutes(3)).build();
    }

    /** Creates a workspace with a name no other test uses, for Flink 1.20, and returns its name. */
    String newWorkspace(String prefix) {
        String name = prefix + "-" + WORKSPACES.incrementAndGet();
        try {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/workspaces"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"flinkVersion\":\"1.20\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                fail("Could not create workspace " + name + ": " + created.statusCode() + " " + created.body());
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of a Prometheus counter's samples whose labels contain every given {@code label="value"}
     * fragment, e.g. {@code metric("registry_downloads_total")} or
     * {@code metric("http_server_requests_seconds_count", "uri=\"/api/v1/workspaces/{workspace}/resolve\"")}.
     */
    double metric(String name, String... labelFragments) {
        try {
            HttpResponse<String> scrape = get("/actuator/prometheus");
            double sum = 0;
            for (String line : scrape.body().lines().toList()) {
                if (!line.startsWith(name + " ") && !line.startsWith(name + "{")) {
                    continue;
                }
                boolean matches = true;
                for (String fragment : labelFragments) {
                    matches &= line.contains(fragment);
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every HTTP request the server has counted outside {@code /actuator}. */
    double apiRequests() {
        try {
            double sum = 0;
            for (String line : get("/actuator/prometheus").body().lines().toList()) {
                if (line.startsWith("http_server_requests_seconds_count{") && !line.contains("uri=\"/actuator")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            if (adminToken != null) {
                request.header("Authorization", "Bearer " + adminToken);
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The end of the server's console output, for failure messages. */
    String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return "--- registry server log (" + log + ") ---\n"
                    + (text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server (gracefully, then forcibly) with every process it started, waits until they
     * are gone, and deletes its data.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("A process the registry server started did not end", e);
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Only temporary data; the operating system cleans its temporary directory.
        }
    }
}
