package dev.flinkregistry.client.model;

import java.util.Map;
import java.util.Optional;

/**
 * The caller as the registry sees it ({@code GET /api/v1/whoami}).
 *
 * @param name what {@code createdBy} and the audit log record, e.g. {@code alice} or {@code token:ci}
 * @param kind how the caller signed in: {@code user} (an OpenID Connect access token), {@code token}
 *     (a registry API token) or {@code anonymous}
 * @param platformAdmin whether the caller administers the whole registry (and so every workspace)
 * @param roles the role in each workspace where the caller has one: {@code viewer}, {@code submitter},
 *     {@code developer} or {@code admin}
 */
public record Identity(String name, String kind, boolean platformAdmin, Map<String, String> roles) {

    /** Keeps the roles as given, none when absent. */
    public Identity {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /** The caller's role in a workspace: {@code admin} for a platform administrator, empty where it has none. */
    public Optional<String> roleIn(String workspace) {
        return platformAdmin ? Optional.of("admin") : Optional.ofNullable(roles.get(workspace));
    }
}
