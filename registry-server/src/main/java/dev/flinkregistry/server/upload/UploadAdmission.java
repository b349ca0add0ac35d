package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.security.RegistryPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Takes an upload slot for every {@link ReceivesJar} endpoint before its body is read (before its
 * parameters are resolved, which reads a multipart form) and gives it back when the request ends.
 */
final class UploadAdmission implements HandlerInterceptor {

    private static final String SLOT = UploadAdmission.class.getName() + ".slot";

    private final UploadSlots slots;

    UploadAdmission(UploadSlots slots) {
        this.slots = slots;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ReceivesJar.class)) {
            request.setAttribute(SLOT, slots.take(clientOf(request)));
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (request.getAttribute(SLOT) instanceof UploadSlots.Slot slot) {
            slot.close();
        }
    }

    /**
     * Whom an upload counts against: the signed-in principal (a token or a user), or the client's
     * address for a caller without one (behind a proxy, set {@code server.forward-headers-strategy}
     * so that it is the client's, not the proxy's).
     */
    static String clientOf(HttpServletRequest request) {
        RegistryPrincipal principal = Principals.current();
        return principal.isAnonymous() ? "address:" + request.getRemoteAddr() : "principal:" + principal.name();
    }
}
