package dev.flinkregistry.e2e.console;

import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged server the console's tests drive a browser against: the one server of the whole run that
 * the other end-to-end tests share (same store key, same settings), started here if none runs yet. Each
 * test isolates itself in a workspace of its own.
 */
final class ConsoleRegistry implements BeforeAllCallback {

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

    RegistryServerProcess server() {
        return server;
    }
}
