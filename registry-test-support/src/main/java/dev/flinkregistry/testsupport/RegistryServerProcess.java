package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The packaged registry server as its own {@code java -jar} process on the loopback interface. A
 * separate process runs the server exactly as users do, keeps Spring Boot off a test's class path
 * (Flink's, for instance), and can be killed the way a crash, an OOM kill or a pulled plug would:
 * no shutdown hooks, no finally blocks, no flush.
 */
public final class RegistryServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final String OIDC_ISSUER = "registry.auth.oidc.issuer-uri";
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;
    private final boolean createsAdminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path ownedDirectory;
    private String adminToken;

    private RegistryServerProcess(Process process, int port, Path dataDir, Path log, boolean createsAdminToken) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.createsAdminToken = createsAdminToken;
    }

    /**
     * Starts the packaged server on a free port with its data under {@code workDir}, and waits until it
     * is healthy and, unless it trusts an OpenID Connect provider, has written its administrator token.
     * Analyses may take 120 s (this machine may be busy) unless the properties say otherwise.
     * {@link #close()} stops it and deletes {@code workDir}.
     *
     * @param workDir the server's working directory: its data ({@code data/}) and log ({@code server.log})
     * @param properties Spring properties, e.g. {@code registry.auth.oidc.issuer-uri}
     * @return the healthy server
     */
    public static RegistryServerProcess start(Path workDir, Map<String, String> properties) {
        return start(workDir, properties, Map.of());
    }

    /**
     * Like {@link #start(Path, Map)}, with variables added to the process's environment: settings the
     * server reads from there and not from Spring, such as the AWS SDK's {@code AWS_ACCESS_KEY_ID}.
     *
     * @param workDir the server's working directory: its data ({@code data/}) and log ({@code server.log})
     * @param properties Spring properties, e.g. {@code registry.storage.s3.bucket}
     * @param environment variables for the process, e.g. {@code AWS_ACCESS_KEY_ID}
     * @return the healthy server
     */
    public static RegistryServerProcess start(Path workDir, Map<String, String> properties,
            Map<String, String> environment) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("registry.analysis.timeout", "120s");
        all.putAll(properties);
        try {
            RegistryServerProcess server = launch(PackagedServer.jar(), Loopback.freePort(), workDir.resolve("data"),
                    all, workDir.resolve("server.log"), workDir, environment);
            server.ownedDirectory = workDir;
            try {
                server.awaitHealthy(STARTUP);
                server.adminToken();
            } catch (RuntimeException | AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code java -jar serverJar} and returns at once; {@link #awaitHealthy(Duration)} waits for it.
     * The process gets no {@code SPRING_*} or {@code REGISTRY_*} variable of the test's environment: only
     * what the arguments say.
     *
     * @param serverJar the packaged server, e.g. {@link PackagedServer#copyTo(Path)}
     * @param port the port to listen on, e.g. {@link Loopback#freePort()}
     * @param dataDir {@code registry.storage.data-dir}
     * @param properties further Spring properties, e.g. a datasource
     * @param log where the process's console output goes
     * @return the starting server
     * @throws IOException if the process cannot be started
     */
    public static RegistryServerProcess launch(Path serverJar, int port, Path dataDir, Map<String, ?> properties,
            Path log) throws IOException {
        return launch(serverJar, port, dataDir, properties, log, null, Map.of());
    }

    /**
     * Like {@link #launch(Path, int, Path, Map, Path)}, with variables added to the process's environment
     * (e.g. {@code AWS_ACCESS_KEY_ID}), for a server a test restarts on the same port.
     *
     * @param serverJar the packaged server
     * @param port the port to listen on
     * @param dataDir the data directory
     * @param properties Spring properties
     * @param log where the console output goes
     * @param environment variables for the process
     * @return the started (not yet healthy) server
     * @throws IOException if the process cannot be started
     */
    public static RegistryServerProcess launch(Path serverJar, int port, Path dataDir, Map<String, ?> properties,
            Path log, Map<String, String> environment) throws IOException {
        return launch(serverJar, port, dataDir, properties, log, null, environment);
    }

    private static RegistryServerProcess launch(Path serverJar, int port, Path dataDir, Map<String, ?> properties,
            Path log, Path workingDir, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar", serverJar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--registry.storage.data-dir=" + dataDir.toAbsolutePath(),
                "--spring.main.banner-mode=off"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("REGISTRY_"));
        builder.environment().putAll(environment);
        // A server that trusts an OpenID Connect provider creates no token of its own at its first start.
        return new RegistryServerProcess(builder.start(), port, dataDir, log, !properties.containsKey(OIDC_ISSUER));
    }

    /**
     * Polls {@code /actuator/health} until it says UP.
     *
     * @param deadline how long to wait at most
     * @throws AssertionError if the process exits first or the deadline passes, with the end of its log
     */
    public void awaitHealthy(Duration deadline) {
        Await.until("the registry server answers /actuator/health with UP", deadline, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The registry server exited with " + process.exitValue()
                        + " before it was healthy:\n" + logTail());
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
     * The platform administrator's token the server's first start wrote to its data directory (it may
     * come a moment after the server reports healthy); null for a server that trusts an OpenID Connect
     * provider, which creates none.
     *
     * @return the token, {@code fcr_…}
     */
    public String adminToken() {
        if (adminToken == null && createsAdminToken) {
            Path file = dataDir.resolve("initial-admin-token");
            Await.until("the registry server wrote " + file, STARTUP, () -> {
                try {
                    return Files.isRegularFile(file) && Files.readString(file).strip().startsWith("fcr_");
                } catch (IOException stillBeingWritten) {
                    return false;
                }
            }, this::logTail);
            try {
                adminToken = Files.readString(file).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return adminToken;
    }

    /**
     * Where the server listens.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The server's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the server's process still runs.
     *
     * @return true until it exits
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Creates a workspace with a name no other test uses, for Flink 1.20, as the administrator.
     *
     * @param prefix the start of the name, e.g. the test's purpose
     * @return the workspace's name, {@code prefix-<n>}
     */
    public String newWorkspace(String prefix) {
        String name = prefix + "-" + WORKSPACES.incrementAndGet();
        try {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                            + "/api/v1/workspaces"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"flinkVersion\":\"1.20\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new AssertionError("Could not create workspace " + name + ": " + created.statusCode() + " "
                        + created.body());
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
     *
     * @param name the metric
     * @param labelFragments what a sample's line must contain to count
     * @return the sum, 0 if no sample matches
     */
    public double metric(String name, String... labelFragments) {
        return scrape().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Stream.of(labelFragments).allMatch(line::contains))
                .mapToDouble(RegistryServerProcess::sampleValue).sum();
    }

    /**
     * Every HTTP request the server has counted outside {@code /actuator}.
     *
     * @return the count
     */
    public double apiRequests() {
        return scrape().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && !line.contains("uri=\"/actuator"))
                .mapToDouble(RegistryServerProcess::sampleValue).sum();
    }

    private Stream<String> scrape() {
        try {
            return get("/actuator/prometheus").body().lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double sampleValue(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(30));
            if (adminToken != null) {
                request.header("Authorization", "Bearer " + adminToken);
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * The end of the server's console output, for failure messages.
     *
     * @return its last 8,000 characters, headed by the log's path
     */
    public String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            return "--- registry server log (" + log + ") ---\n"
                    + (text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills the server and every process it started, without warning, and waits until they are gone.
     *
     * @throws AssertionError if a process outlives the signal by 30 s
     */
    public void kill() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        handle.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("The server process " + process.pid() + " did not die within 30 s of SIGKILL");
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

    /**
     * Stops the server (gracefully, then forcibly after 30 s) with every process it started, waits until
     * they are gone, and deletes the working directory if {@link #start(Path, Map)} was given it.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        if (ownedDirectory != null) {
            deleteRecursively(ownedDirectory);
        }
    }

    private void stop() {
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
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Only temporary data; the operating system cleans its temporary directory.
        }
    }
}
