package dev.flinkregistry.e2e;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One packaged registry server for every test class of a run (it takes a while to start on a busy
 * machine); each test isolates itself in a workspace of its own. The server allows private URLs so
 * that JARs can be registered from a local HTTP server, and is stopped when the run ends. The
 * console's browser tests (package {@code console}) drive their browser against the same server.
 */
public final class SharedRegistry implements BeforeAllCallback {

    private RegistryServerProcess server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(
                RegistryServerProcess.class.getName(), key -> start(), RegistryServerProcess.class);
    }

    private static RegistryServerProcess start() {
        try {
            return RegistryServerProcess.start(Files.createTempDirectory("registry-e2e-"),
                    Map.of("registry.urls.allow-private-addresses", "true"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RegistryServerProcess server() {
        return server;
    }
}
