package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * One real registry server per test class, over real HTTP, on the database the concrete subclass
 * names (H2 or PostgreSQL). Tests isolate themselves with a fresh workspace each, so identifiers
 * and connector names never collide between tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryApiTest {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String WORKSPACES = "/api/v1/workspaces";

    private static final AtomicInteger WORKSPACE_COUNT = new AtomicInteger();
    private static final AtomicInteger TOKEN_COUNT = new AtomicInteger();

    RunningRegistry registry;
    RegistryHttp http;
    private Path dataDir;
    private Map<String, Object> properties;

    /** Spring properties choosing the database: {@code TestDatabases.h2()} or {@code freshPostgresSchema()}. */
    abstract Map<String, Object> database();

    /** Server settings the class needs beyond the defaults (e.g. a lower maximum JAR size). */
    Map<String, Object> settings() {
        return Map.of();
    }

    @BeforeAll
    void startServer() throws IOException {
        properties = new LinkedHashMap<>(database());
        properties.putAll(settings());
        dataDir = Files.createTempDirectory("registry-api-");
        registry = RunningRegistry.start(dataDir, properties);
        http = registry.http();
    }

    @AfterAll
    void stopServer() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    /** Creates a workspace for the Flink line and returns its path, e.g. {@code /api/v1/workspaces/ws-3}. */
    String newWorkspace(String flinkVersion) {
        String name = "ws-" + WORKSPACE_COUNT.incrementAndGet();
        Answer created = http.postJson(WORKSPACES, RegistryHttp.body("name", name, "flinkVersion", flinkVersion));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return WORKSPACES + "/" + name;
    }

    /** A fresh workspace for Flink 1.20. */
    String newWorkspace() {
        return newWorkspace("1.20");
    }

    /** A client with a new API token of this role in the workspace (a path such as {@code /api/v1/workspaces/ws-3}). */
    RegistryHttp withRole(String workspace, String role) {
        String name = workspace.substring(workspace.lastIndexOf('/') + 1);
        Answer created = http.postJson("/api/v1/tokens", RegistryHttp.body("name", role + "-" + name + "-"
                + TOKEN_COUNT.incrementAndGet(), "workspace", name, "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return http.as(created.json().path("token").asString());
    }

    Answer register(String workspace, String name, Path jar) {
        return http.postJar(workspace + "/connectors?name=" + name, jar);
    }

    /** Registers the JAR and insists that it worked; returns the answer's {@code version}. */
    JsonNode registered(String workspace, String name, Path jar) {
        Answer answer = register(workspace, name, jar);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().path("version");
    }

    Answer update(String workspace, String name, Path jar) {
        return http.postJar(workspace + "/connectors/" + name + "/versions", jar);
    }

    /** Sends {@code count} requests at once (released together by a barrier) and returns the answers. */
    static List<Answer> concurrently(int count, IntFunction<Answer> request) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<Answer>> answers = IntStream.range(0, count).mapToObj(i -> threads.submit(() -> {
                start.await();
                return request.apply(i);
            })).toList();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                done.add(answer.get(2, TimeUnit.MINUTES));
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Asserts an RFC 9457 problem document: status, content type, the stable code, and a human
     * detail; returns the document for further checks.
     */
    static JsonNode assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).as("Content-Type of %s", answer.text()).startsWith(PROBLEM_JSON);
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).as(answer.text()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    /** The string values of {@code field} in each element of the array. */
    static List<String> each(JsonNode array, String field) {
        return array.valueStream().map(node -> node.path(field).asString()).toList();
    }

    /** The names of the connectors a list answer holds. */
    static List<String> names(Answer list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return each(list.json().path("items"), "name");
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of the JAR with one more (harmless) entry: the same factories and options, but other
     * bytes, so the registry sees a new version.
     */
    static Path withExtraEntry(Path jar, Path directory) {
        Path copy = directory.resolve("rebuilt-" + jar.getFileName());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("META-INF/rebuilt-by-registry-api-test.txt"));
            out.write("rebuilt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** The JAR files the server has stored, whatever their directory layout. */
    List<Path> storedBlobs() throws IOException {
        Path blobs = TestStores.blobDirectory(properties, registry.dataDir());
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
