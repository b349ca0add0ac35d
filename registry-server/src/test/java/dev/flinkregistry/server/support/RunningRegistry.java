package dev.flinkregistry.server.support;

import dev.flinkregistry.server.RegistryServerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real registry server on a random local port, over real HTTP, with its own data directory and
 * database. It can be stopped and started again on the same data, as a restart would.
 */
public final class RunningRegistry implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, Object> properties;
    private final Class<?>[] configurations;
    private ConfigurableApplicationContext context;
    private RegistryHttp http;

    private RunningRegistry(Path dataDir, Map<String, Object> properties, Class<?>... configurations) {
        this.dataDir = dataDir;
        this.properties = properties;
        this.configurations = configurations;
    }

    /** Starts a server whose data lives in {@code dataDir}, with extra Spring properties. */
    public static RunningRegistry start(Path dataDir, Map<String, Object> extra) {
        return start(dataDir, extra, new Class<?>[0]);
    }

    /**
     * Starts a server with extra Spring configurations, e.g. a {@code BlobStore} that injects a
     * failure (a {@code @Primary} one takes the place of the default store).
     */
    public static RunningRegistry start(Path dataDir, Map<String, Object> extra, Class<?>... configurations) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("registry.storage.data-dir", dataDir.toAbsolutePath().toString());
        properties.put("registry.analysis.timeout", "20s");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
        RunningRegistry registry = new RunningRegistry(dataDir, properties, configurations);
        registry.startAgain();
        return registry;
    }

    /** A fresh server on a new temporary directory. */
    public static RunningRegistry startFresh(Map<String, Object> extra) {
        try {
            return start(Files.createTempDirectory("registry-test-"), extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again (after {@link #stop()}) on the same data and database. */
    public void startAgain() {
        // As command-line arguments: they override application.yml, default properties would not.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(RegistryServerApplication.class).sources(configurations).run(arguments);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        http = new RegistryHttp("http://127.0.0.1:" + port, adminToken());
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public RegistryHttp http() {
        return http;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The platform administrator's token the first start created and left in the data directory. */
    public String adminToken() {
        Path file = dataDir.resolve("initial-admin-token");
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bean of the running server, for what HTTP cannot reach (e.g. running the blob collector now). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        stop();
    }
}
