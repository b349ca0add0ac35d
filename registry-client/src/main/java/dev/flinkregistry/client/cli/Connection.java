package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryAdministration;
import dev.flinkregistry.client.RegistryClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command shares: where the registry is, which workspace, which credentials.
 * Each setting comes from its option, else its environment variable ({@code FCR_SERVER} for
 * {@code server=}), else the config file, else its default.
 */
final class Connection {

    static final String DEFAULT_SERVER = "http://localhost:8080";

    /** The process's environment; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Option(names = {"-s", "--server"}, scope = ScopeType.INHERIT,
            description = "Server URL(s), default: " + DEFAULT_SERVER + "; comma-separated for failover (env "
                    + "FCR_SERVER, config server=).")
    String servers;

    @Option(names = {"-w", "--workspace"}, scope = ScopeType.INHERIT,
            description = "Workspace (env FCR_WORKSPACE, config workspace=; default: default).")
    String workspace;

    @Option(names = {"-t", "--token"}, scope = ScopeType.INHERIT,
            description = "Bearer token: a registry API token (fcr_…) or an OpenID Connect access token "
                    + "(env FCR_TOKEN, config token=; or client-id= and client-secret= for OAuth 2 client credentials).")
    String token;

    @Option(names = "--cache-dir", scope = ScopeType.INHERIT,
            description = "Where fetched JARs are cached (env FCR_CACHE_DIR, config cache-dir=; default: the user's "
                    + "cache directory).")
    Path cacheDirectory;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The config file (env FCR_CONFIG), default: $XDG_CONFIG_HOME/fcr/config or "
                    + "~/.config/fcr/config. Others must not be able to read it when it holds a secret.")
    Path configFile;

    private ConfigFile config;

    /** The config file in use (read once), empty when there is none. */
    ConfigFile config() {
        if (config == null) {
            String named = environment.get("FCR_CONFIG");
            Path path = configFile != null ? configFile
                    : named != null && !named.isBlank() ? Path.of(named) : ConfigFile.defaultLocation(environment);
            config = ConfigFile.read(path);
        }
        return config;
    }

    /** An option's value, else its environment variable's, else the config file's, else null. */
    String setting(String option, String key) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnvironment = environment.get(variable(key));
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : config().get(key);
    }

    String workspace() {
        String value = setting(workspace, "workspace");
        return value == null ? "default" : value;
    }

    List<String> servers() {
        String value = setting(servers, "server");
        return Arrays.stream((value == null ? DEFAULT_SERVER : value).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Where the credentials come from: the first of --token, the environment and the config file that names any. */
    Credentials credentials() {
        if (token != null && !token.isBlank()) {
            return Credentials.token(token, "the token given with --token");
        }
        Credentials fromEnvironment = Credentials.from(key -> environment.get(variable(key)), "the environment (FCR_*)",
                "FCR_TOKEN");
        return fromEnvironment != null ? fromEnvironment
                : Credentials.from(config()::get, config().path().toString(), config().path().toString());
    }

    HttpRegistryClient.Builder builder() {
        HttpRegistryClient.Builder builder = RegistryClient.builder().workspace(workspace()).servers(servers());
        Credentials credentials = credentials();
        if (credentials != null) {
            builder.tokenSource(credentials.source());
        }
        String cache = cacheDirectory != null ? cacheDirectory.toString() : setting(null, "cache-dir");
        if (cache != null) {
            builder.cacheDirectory(Path.of(cache));
        }
        return builder;
    }

    RegistryClient client() {
        return builder().build();
    }

    RegistryAdministration administration() {
        return builder().build().administration();
    }

    private static String variable(String key) {
        return "FCR_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
