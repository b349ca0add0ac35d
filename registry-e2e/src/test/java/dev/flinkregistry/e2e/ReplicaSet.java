package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.PackagedServer;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The production shape on one machine: packaged server processes on fixed ports, sharing one new
 * PostgreSQL database and one new S3Proxy bucket, behind HAProxy ({@link Haproxy}). The first replica
 * starts alone and makes the administrator's token; the others start with it there, two at a time.
 * {@link #close()} stops everything and drops the database.
 */
final class ReplicaSet implements AutoCloseable {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private final Path dir;
    private final List<String> names;
    private final String database;
    private final String bucket;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, RegistryServerProcess> replicas = Collections.synchronizedMap(new LinkedHashMap<>());
    private Haproxy haproxy;
    private String token;

    private ReplicaSet(Path dir, List<String> names, String database, String bucket, Map<String, String> properties,
            Map<String, String> environment) {
        this.dir = dir;
        this.names = List.copyOf(names);
        this.database = database;
        this.bucket = bucket;
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * Creates the database and the bucket, starts the replicas and HAProxy, and waits until HAProxy
     * has every replica in rotation.
     *
     * @param dir where the replicas' data and logs and HAProxy's configuration go
     * @param names the replicas' names, also their names in HAProxy, e.g. r1, r2, r3
     * @param settings further Spring properties for every replica, e.g. {@code registry.resolve.cache-ttl}
     */
    static ReplicaSet start(Path dir, List<String> names, Map<String, String> settings) throws Exception {
        if (!Haproxy.installed()) {
            // As the console's tests do without Chromium: a newcomer's machine may lack it; CI never does.
            assertThat(System.getenv("CI")).as("HAProxy is required on CI (.ci/run installs it)").isNotEqualTo("true");
            org.junit.jupiter.api.Assumptions.abort("SKIPPED: no HAProxy here (apt-get install haproxy); the "
                    + "three-replica tests run where it is");
        }
        String database = "fcr_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "test", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        S3Server s3 = S3Server.shared();
        String bucket = s3.newBucket();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", POSTGRES + database);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("registry.storage.s3.bucket", bucket);
        properties.put("registry.storage.s3.endpoint", s3.endpoint().toString());
        properties.put("registry.storage.s3.path-style", "true");
        properties.putAll(settings);
        Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY, "AWS_REGION", "us-east-1");
        ReplicaSet set = new ReplicaSet(dir, names, database, bucket, properties, environment);
        try {
            set.startAll();
            return set;
        } catch (Exception | AssertionError e) {
            set.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        for (String name : names) {
            ports.put(name, Loopback.freePort());
        }
        // The first makes the administrator's token; the others start with it there (one token in all).
        launch(names.get(0));
        token = replica(names.get(0)).adminToken();
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (String name : names.subList(1, names.size())) {
                started.add(starting.submit(() -> launch(name)));
            }
            for (Future<?> future : started) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            starting.shutdownNow();
        }
        haproxy = Haproxy.start(Files.createDirectories(dir.resolve("haproxy")), ports);
        names.forEach(name -> haproxy.awaitInRotation(name, true));
    }

    /**
     * Starts the replica (again) on its port and waits until it is healthy; HAProxy takes it back into
     * rotation on its own ({@link Haproxy#awaitInRotation}).
     */
    RegistryServerProcess launch(String name) {
        try {
            Path replicaDir = Files.createDirectories(dir.resolve(name));
            RegistryServerProcess server = RegistryServerProcess.launch(PackagedServer.jar(), ports.get(name),
                    replicaDir.resolve("data"), properties, replicaDir.resolve("server-" + System.nanoTime() + ".log"),
                    environment);
            replicas.put(name, server);
            server.awaitHealthy(Duration.ofMinutes(4));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The replica's current process. */
    RegistryServerProcess replica(String name) {
        return replicas.get(name);
    }

    List<String> names() {
        return names;
    }

    Haproxy haproxy() {
        return haproxy;
    }

    /** The platform administrator's token (the first replica made it; all share it). */
    String adminToken() {
        return token;
    }

    /** The PostgreSQL database's name, on {@link #POSTGRES}. */
    String database() {
        return database;
    }

    String bucket() {
        return bucket;
    }

    @Override
    public void close() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        List<RegistryServerProcess> running;
        synchronized (replicas) {
            running = List.copyOf(replicas.values());
        }
        running.forEach(RegistryServerProcess::close);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "test", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }
}
