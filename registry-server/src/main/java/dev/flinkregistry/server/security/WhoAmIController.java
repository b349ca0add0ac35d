package dev.flinkregistry.server.security;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/whoami}: who the registry takes the caller for, and the caller's roles. */
@RestController
class WhoAmIController {

    /** The caller as the registry sees it. */
    record WhoAmI(String name, String kind, boolean platformAdmin, Map<String, String> roles) {}

    @GetMapping("/api/v1/whoami")
    WhoAmI whoami() {
        return describe(Principals.current());
    }

    static WhoAmI describe(RegistryPrincipal principal) {
        Map<String, String> roles = new TreeMap<>();
        principal.roles().forEach((workspace, role) -> roles.put(workspace, role.wireName()));
        return new WhoAmI(principal.name(), principal.kind().name().toLowerCase(java.util.Locale.ROOT),
                principal.platformAdmin(), roles);
    }
}
