package dev.flinkregistry.server.security;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, and their roles: an OpenID Connect user (roles from memberships and groups), a
 * registry API token (one workspace and one role, or platform-wide), or nobody.
 *
 * @param name what the audit log and {@code createdBy} record: the user's name, {@code token:<name>},
 *     or {@code anonymous}
 * @param roles the role in each workspace where the principal has one
 * @param tokenId the API token's id, for tokens
 */
public record RegistryPrincipal(String name, Kind kind, boolean platformAdmin, Map<String, Role> roles,
                                Long tokenId) {

    /** How the caller proved who they are. */
    public enum Kind { USER, TOKEN, ANONYMOUS }

    /** Nobody: the caller sent no credentials. */
    public static final RegistryPrincipal ANONYMOUS = new RegistryPrincipal("anonymous", Kind.ANONYMOUS, false,
            Map.of(), null);

    public RegistryPrincipal {
        roles = Map.copyOf(roles);
    }

    /** The principal's role in the workspace; platform administrators are admins of every workspace. */
    public Optional<Role> roleIn(String workspace) {
        return platformAdmin ? Optional.of(Role.ADMIN) : Optional.ofNullable(roles.get(workspace));
    }

    /** Whether the principal holds at least {@code role} in the workspace. */
    public boolean has(String workspace, Role role) {
        return roleIn(workspace).map(held -> held.includes(role)).orElse(false);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }
}
