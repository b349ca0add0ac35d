package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command shares: where the registry is, which workspace, which token. */
final class Connection {

    @Option(names = {"-s", "--server"}, scope = ScopeType.INHERIT, defaultValue = "${env:FCR_SERVER:-http://localhost:8080}",
            description = "Registry server URL(s), comma-separated for failover (env FCR_SERVER; default: ${DEFAULT-VALUE}).")
    String servers;

    @Option(names = {"-w", "--workspace"}, scope = ScopeType.INHERIT, defaultValue = "${env:FCR_WORKSPACE:-default}",
            description = "Workspace (env FCR_WORKSPACE; default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = {"-t", "--token"}, scope = ScopeType.INHERIT, defaultValue = "${env:FCR_TOKEN}",
            description = "Bearer token (env FCR_TOKEN).")
    String token;

    @Option(names = "--cache-dir", scope = ScopeType.INHERIT, defaultValue = "${env:FCR_CACHE_DIR}",
            description = "Where fetched JARs are cached (env FCR_CACHE_DIR; default: the user's cache directory).")
    Path cacheDirectory;

    HttpRegistryClient.Builder builder() {
        HttpRegistryClient.Builder builder = RegistryClient.builder().workspace(workspace)
                .servers(Arrays.stream(servers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (token != null && !token.isBlank()) {
            builder.token(token);
        }
        if (cacheDirectory != null) {
            builder.cacheDirectory(cacheDirectory);
        }
        return builder;
    }

    RegistryClient client() {
        return builder().build();
    }
}
