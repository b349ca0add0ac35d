package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The principal and address of the request being handled, for "who" fields and the audit log. */
public final class Principals {

    private Principals() {}

    /** Who is calling; {@link RegistryPrincipal#ANONYMOUS} without credentials or outside a request. */
    public static RegistryPrincipal current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The registry's view of an authentication (anonymous for none or Spring's anonymous token). */
    public static RegistryPrincipal of(Authentication authentication) {
        return authentication instanceof RegistryAuthentication registry ? registry.getPrincipal()
                : RegistryPrincipal.ANONYMOUS;
    }

    /** The calling client's address (after the proxies the server trusts), or null outside a request. */
    public static String address() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
