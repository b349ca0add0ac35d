package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.lease.LeaseService;
import dev.flinkregistry.server.workspace.WorkspaceService;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code POST …/resolve} for job submission, and {@code DELETE …/leases/{jobId}} when the job ends. */
@RestController
class ResolveController {

    private final ResolveService resolver;
    private final LeaseService leases;
    private final WorkspaceService workspaces;
    /** The configured public base URL without trailing slashes, or null to use the request's. */
    private final String publicUrl;

    ResolveController(ResolveService resolver, LeaseService leases, WorkspaceService workspaces,
                      ResolveProperties properties) {
        this.resolver = resolver;
        this.leases = leases;
        this.workspaces = workspaces;
        this.publicUrl = properties.publicUrl();
    }

    @PostMapping("/api/v1/workspaces/{workspace}/resolve")
    Resolution resolve(@PathVariable String workspace, @Valid @RequestBody ResolveRequest request) {
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return resolver.resolve(workspace, request, base);
    }

    @DeleteMapping("/api/v1/workspaces/{workspace}/leases/{jobId}")
    ResponseEntity<Void> release(@PathVariable String workspace, @PathVariable String jobId) {
        leases.release(workspaces.get(workspace).id(), jobId);
        return ResponseEntity.noContent().build();
    }
}
