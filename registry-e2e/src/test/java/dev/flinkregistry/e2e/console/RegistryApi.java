package dev.flinkregistry.e2e.console;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryAdministration.TokenRequest;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The REST API of the server under test, through the Java client: what the console stored, and test setup. */
final class RegistryApi {

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private RegistryApi() {}

    /** A client of a workspace with the platform administrator's token. */
    static HttpRegistryClient admin(RegistryServerProcess server, String workspace) {
        return client(server, workspace, server.adminToken());
    }

    /** A client of a workspace with the given token. */
    static HttpRegistryClient client(RegistryServerProcess server, String workspace, String token) {
        try {
            return RegistryClient.builder().server(server.baseUrl()).workspace(workspace)
                    .cacheDirectory(Files.createTempDirectory("console-client-")).token(token)
                    .requestTimeout(Duration.ofMinutes(3)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an API token with this role in the workspace ({@code POST /api/v1/tokens}) and returns its secret. */
    static String newToken(RegistryServerProcess server, String workspace, String role) {
        return admin(server, workspace).administration()
                .createToken(TokenRequest.forWorkspace(role + "-" + TOKENS.incrementAndGet(), workspace, role)).token();
    }
}
