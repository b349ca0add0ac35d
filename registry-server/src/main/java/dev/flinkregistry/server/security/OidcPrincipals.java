package dev.flinkregistry.server.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified OpenID Connect access token into a principal: the name from the configured
 * claim, roles from the groups claim (as configured) and from memberships administrators granted.
 */
final class OidcPrincipals implements Converter<Jwt, RegistryAuthentication> {

    private final AuthProperties.Oidc settings;
    private final MembershipDirectory memberships;

    OidcPrincipals(AuthProperties.Oidc settings, MembershipDirectory memberships) {
        this.settings = settings;
        this.memberships = memberships;
    }

    @Override
    public RegistryAuthentication convert(Jwt jwt) {
        return principal(nameOf(jwt.getClaims()), groups(jwt.getClaim(settings.groupsClaim())));
    }

    /** The principal of a user with this name and these groups, with the roles they give today. */
    RegistryAuthentication principal(String name, List<String> groups) {
        Map<String, Role> roles = new HashMap<>(memberships.rolesOf(name));
        for (AuthProperties.GroupRole mapping : settings.groupRoles()) {
            if (groups.contains(mapping.group())) {
                roles.merge(mapping.workspace(), mapping.role(), (a, b) -> a.includes(b) ? a : b);
            }
        }
        boolean platformAdmin = memberships.isPlatformAdmin(name)
                || groups.stream().anyMatch(settings.platformAdminGroups()::contains);
        return new RegistryAuthentication(new RegistryPrincipal(name, RegistryPrincipal.Kind.USER, platformAdmin,
                roles, null));
    }

    /** The user's name from the configured claim, else the subject; a name {@link UserNames} refuses is refused. */
    String nameOf(Map<String, Object> claims) {
        Object claimed = claims.get(settings.usernameClaim());
        Object name = claimed == null || claimed.toString().isBlank() ? claims.get("sub") : claimed;
        if (name == null || name.toString().isBlank()) {
            throw new InvalidBearerTokenException("The token names no user (claims '" + settings.usernameClaim()
                    + "' and 'sub' are empty)");
        }
        UserNames.problem(name.toString()).ifPresent(problem -> {
            throw new InvalidBearerTokenException("The user name in claim " + settings.usernameClaim()
                    + " cannot be used: " + UserNames.printable(problem));
        });
        return name.toString();
    }

    /** A groups claim is a list of names in most providers, a single string in some. */
    static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }
}
