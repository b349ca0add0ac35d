package dev.flinkregistry.server.security;

import java.util.Optional;

/** Finds the principal of a registry API token; the token feature implements it. */
public interface CredentialStore {

    /** The principal the secret stands for, or empty for an unknown secret; throws for expired or revoked ones. */
    Optional<RegistryPrincipal> principalOf(String secret);
}
