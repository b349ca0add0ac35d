package dev.flinkregistry.server.resolve;

import dev.flinkregistry.server.lease.LeaseProperties;
import dev.flinkregistry.server.lease.LeaseService;
import dev.flinkregistry.server.security.AccessPolicy;
import dev.flinkregistry.server.security.Principals;
import dev.flinkregistry.server.workspace.WorkspaceService;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST …/resolve} for job submission ({@code POST …/kubernetes} for its Kubernetes delivery), and
 * {@code PUT …/leases/{jobId}} to renew a job's lease while it runs and {@code DELETE …/leases/{jobId}} when it ends.
 * Not {@code @Validated}: that would wrap every resolve, the registry's hottest call, in a method
 * validation proxy (measured: about 10% more server CPU per resolve); {@link RunningLeasesController},
 * which needs it for its paging bounds, lists leases.
 */
@RestController
class ResolveController {

    private static final MediaType YAML = new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8);

    private final ResolveService resolver;
    private final LeaseService leases;
    private final WorkspaceService workspaces;
    private final AccessPolicy access;
    /** The configured public base URL without trailing slashes, or null to use the request's. */
    private final String publicUrl;
    /** A lease's length when a request does not say: a renewal sidecar must renew more often. */
    private final java.time.Duration defaultLease;

    ResolveController(ResolveService resolver, LeaseService leases, WorkspaceService workspaces,
                      ResolveProperties properties, AccessPolicy access, LeaseProperties leaseProperties) {
        this.resolver = resolver;
        this.leases = leases;
        this.workspaces = workspaces;
        this.access = access;
        this.publicUrl = properties.publicUrl();
        this.defaultLease = leaseProperties.defaultDuration();
    }

    @PostMapping("/api/v1/workspaces/{workspace}/resolve")
    Resolution resolve(@PathVariable String workspace, @Valid @RequestBody ResolveRequest request) {
        if (request.jobId() != null && !request.jobId().isBlank()) {
            access.requireDeclared("x-lease-role", workspace);
            requireOwnership(workspace, request.jobId());
        }
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return resolver.resolve(workspace, request, base);
    }

    /**
     * The Kubernetes delivery of a resolve's pinned JARs, as YAML; with a job id it leases exactly
     * as resolve does (and needs the same role).
     */
    @PostMapping("/api/v1/workspaces/{workspace}/kubernetes")
    ResponseEntity<String> kubernetes(@PathVariable String workspace, @Valid @RequestBody KubernetesRequest request) {
        ResolveRequest resolve = request.resolve();
        request.renewal(defaultLease);
        if (resolve.jobId() != null && !resolve.jobId().isBlank()) {
            access.requireDeclared("x-lease-role", workspace);
            requireOwnership(workspace, resolve.jobId());
        }
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        String yaml = new KubernetesManifests(request, resolver.resolve(workspace, resolve, base), base).yaml();
        return ResponseEntity.ok().contentType(YAML).body(yaml);
    }

    /**
     * Renews a job's running leases on the versions it holds, pinned ones included: what a job's
     * renewal sidecar calls, since resolving again would lease whatever is current by then.
     */
    @PutMapping("/api/v1/workspaces/{workspace}/leases/{jobId}")
    RenewedLease renew(@PathVariable String workspace, @PathVariable String jobId,
                       @Valid @RequestBody(required = false) LeaseRenewal renewal) {
        requireOwnership(workspace, jobId);
        Long seconds = renewal == null ? null : renewal.leaseSeconds();
        LeaseService.Renewed renewed = leases.renew(workspaces.get(workspace).id(), workspace, jobId,
                seconds == null ? null : java.time.Duration.ofSeconds(seconds));
        return new RenewedLease(jobId, renewed.expiresAt(), renewed.versions());
    }

    @DeleteMapping("/api/v1/workspaces/{workspace}/leases/{jobId}")
    ResponseEntity<Void> release(@PathVariable String workspace, @PathVariable String jobId) {
        requireOwnership(workspace, jobId);
        leases.release(workspaces.get(workspace).id(), workspace, jobId);
        return ResponseEntity.noContent().build();
    }

    /** A job's leases belong to whoever took them: anyone else needs the operation's {@code x-others-role}. */
    private void requireOwnership(String workspace, String jobId) {
        String caller = Principals.current().name();
        if (leases.holders(workspaces.get(workspace).id(), jobId).stream().anyMatch(h -> !h.equals(caller))) {
            access.requireDeclared("x-others-role", workspace);
        }
    }
}
