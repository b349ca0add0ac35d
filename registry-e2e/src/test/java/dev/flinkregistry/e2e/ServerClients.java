package dev.flinkregistry.e2e;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.nio.file.Path;
import java.time.Duration;

/** The Java client of a packaged server, as the tests use it (the shared server process knows no client). */
final class ServerClients {

    private ServerClients() {}

    /** A client of the server for a workspace, with the administrator's token, caching JARs in {@code cacheDir}. */
    static HttpRegistryClient of(RegistryServerProcess server, String workspace, Path cacheDir) {
        return RegistryClient.builder().server(server.baseUrl()).workspace(workspace).cacheDirectory(cacheDir)
                .token(server.adminToken()).requestTimeout(Duration.ofMinutes(3)).build();
    }
}
