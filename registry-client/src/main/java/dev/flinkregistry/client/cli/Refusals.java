package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.AccessDeniedException;
import dev.flinkregistry.client.AuthenticationException;
import dev.flinkregistry.client.RegistryClientException;
import dev.flinkregistry.client.TokenEndpointException;
import dev.flinkregistry.client.model.Identity;
import java.nio.file.Path;
import java.util.Set;

/** Says in plain words what was missing when the registry (or the token endpoint) did not let fcr in. */
final class Refusals {

    private static final Set<String> WORKSPACE_ROLES = Set.of("viewer", "submitter", "developer", "admin");

    private final Connection connection;

    Refusals(Connection connection) {
        this.connection = connection;
    }

    /** No token was sent, or it was refused (401). */
    String of(AuthenticationException e) {
        if (!e.tokenRefused()) {
            return "the registry needs a token: pass --token, set FCR_TOKEN, or put token= in " + configFile();
        }
        Credentials credentials = credentialsOrNull();
        return "the registry refused " + (credentials == null ? "the token" : credentials.origin()) + ": " + e.detail();
    }

    /** The caller lacks a role (403); asks the registry which role the caller has, to say so. */
    String of(AccessDeniedException e) {
        String role = e.requiredRole();
        if (!"ACCESS_DENIED".equals(e.code()) || role == null) {
            return "not allowed (" + e.code() + "): " + e.detail();
        }
        Identity caller = callerOrNull();
        if (!WORKSPACE_ROLES.contains(role)) {
            String needs = "platform-admin".equals(role) ? "a platform administrator" : "the role '" + role + "'";
            return "this needs " + needs + "; " + (caller == null ? "the registry says: " + e.detail()
                    : "your token (" + caller.name() + ") is not one");
        }
        String workspace = e.workspace() != null ? e.workspace() : connection.workspace();
        String held = caller == null ? null : caller.roleIn(workspace).map(r -> "has '" + r + "'")
                .orElse("has no role there");
        return "this needs the role '" + role + "' in workspace '" + workspace + "'; "
                + (held == null ? "the registry says: " + e.detail() : "your token (" + caller.name() + ") " + held);
    }

    /** The OAuth 2 provider gave no token. */
    static String of(TokenEndpointException e) {
        return "could not get a token with the client credentials: " + e.getMessage();
    }

    private String configFile() {
        Path path = connection.config().path();
        Path home = Path.of(connection.environment.getOrDefault("HOME", System.getProperty("user.home")));
        return path.startsWith(home) ? "~/" + home.relativize(path) : path.toString();
    }

    private Credentials credentialsOrNull() {
        try {
            return connection.credentials();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private Identity callerOrNull() {
        try {
            return connection.administration().whoami();
        } catch (RegistryClientException | ConfigFile.Unusable cannotTell) {
            return null;
        }
    }
}
