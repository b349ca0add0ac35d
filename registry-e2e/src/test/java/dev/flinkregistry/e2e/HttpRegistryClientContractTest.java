package dev.flinkregistry.e2e;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.contract.RegistryClientContract;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client keeps the registry's contract against the real, packaged server, one workspace per test. */
class HttpRegistryClientContractTest extends RegistryClientContract {

    @RegisterExtension
    static SharedRegistry shared = new SharedRegistry();

    private static final AtomicInteger CACHES = new AtomicInteger();

    @TempDir
    static Path caches;

    @Override
    protected RegistryClient newRegistry() {
        RegistryServerProcess server = shared.server();
        return ServerClients.of(server, server.newWorkspace("contract"),
                caches.resolve("cache-" + CACHES.incrementAndGet()));
    }
}
