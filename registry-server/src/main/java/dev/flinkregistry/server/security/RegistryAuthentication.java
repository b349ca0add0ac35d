package dev.flinkregistry.server.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller whose credentials checked out, with the registry's view of them. */
public final class RegistryAuthentication extends AbstractAuthenticationToken {

    /** The authority of platform administrators, e.g. for the actuator's metrics. */
    public static final String PLATFORM_ADMIN = "ROLE_PLATFORM_ADMIN";

    private final RegistryPrincipal principal;

    public RegistryAuthentication(RegistryPrincipal principal) {
        super(principal.platformAdmin() ? List.of(new SimpleGrantedAuthority(PLATFORM_ADMIN)) : List.of());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public RegistryPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
