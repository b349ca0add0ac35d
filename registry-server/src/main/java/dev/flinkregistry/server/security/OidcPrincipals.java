package dev.flinkregistry.server.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;

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
        String name = jwt.getClaimAsString(settings.usernameClaim());
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        if (name == null || name.isBlank()) {
            throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                    "The token names no user (claims '" + settings.usernameClaim() + "' and 'sub' are empty)");
        }
        return principal(name, groups(jwt.getClaim(settings.groupsClaim())));
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

    /** The user's name from the configured claim, else the subject. */
    String nameOf(Map<String, Object> claims) {
        Object name = claims.get(settings.usernameClaim());
        return name == null || name.toString().isBlank() ? String.valueOf(claims.get("sub")) : name.toString();
    }

    /** A groups claim is a list of names in most providers, a single string in some. */
    static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }
}
