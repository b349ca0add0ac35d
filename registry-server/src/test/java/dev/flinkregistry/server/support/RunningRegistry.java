package dev.flinkregistry.server.support;

import dev.flinkregistry.server.RegistryServerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * A real registry server on a random local port, over real HTTP, with its own data directory and
 * database. It can be stopped and started again on the same data, as a restart would.
 */
public final class RunningRegistry implements AutoCloseable {

    /**
     * Spring Boot sets up and tears down Logback's one {@code LoggerContext} per JVM. Servers started
     * or stopped at the same moment in one JVM (as several replicas in a test are) would reset it
     * under each other: a start then read an undefined {@code CONSOLE_LOG_STRUCTURED_FORMAT} and
     * failed. This lock lets one server at a time do that part; the rest of a start runs
     * concurrently (a deployment's replicas are separate JVMs and never share it).
     */
    private static final ReentrantLock LOGGING_SETUP = new ReentrantLock();

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
        try {
            context = new SpringApplicationBuilder(RegistryServerApplication.class).sources(configurations)
                    .listeners(new LoggingSetupTurn()).run(arguments);
        } finally {
            while (LOGGING_SETUP.isHeldByCurrentThread()) {
                LOGGING_SETUP.unlock();
            }
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        http = new RegistryHttp("http://127.0.0.1:" + port, adminToken());
    }

    public void stop() {
        if (context != null) {
            LOGGING_SETUP.lock(); // closing cleans Logback's context up
            try {
                context.close();
            } finally {
                LOGGING_SETUP.unlock();
            }
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

    /**
     * Takes {@link #LOGGING_SETUP} before Spring Boot's logging listener sees the start, and gives it
     * back once logging is set up. A start that fails takes it (again) before Spring Boot cleans
     * logging up; {@link #startAgain} gives it back once {@code run} has returned or thrown.
     */
    private static final class LoggingSetupTurn implements ApplicationListener<ApplicationEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ApplicationStartingEvent || event instanceof ApplicationFailedEvent) {
                LOGGING_SETUP.lock();
            } else if (event instanceof ApplicationContextInitializedEvent && LOGGING_SETUP.isHeldByCurrentThread()) {
                LOGGING_SETUP.unlock();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
