package dev.flinkregistry.server.resolve;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What {@code POST …/kubernetes} needs: the same inputs as a resolve, plus which Flink Kubernetes
 * Operator resource to deliver the pinned JARs to and in which form.
 *
 * @param identifiers identifiers to resolve, as for resolve
 * @param sql a Flink SQL script to resolve, as for resolve
 * @param jobId leases the pinned versions for this job, as for resolve
 * @param leaseSeconds the lease's length
 * @param kind {@code FlinkDeployment} (default) or {@code FlinkSessionJob}
 * @param name the resource's {@code metadata.name}
 * @param deploymentName for a session job, its session cluster's FlinkDeployment (default: {@code name})
 * @param output {@code yaml} (default), {@code patch} or {@code kustomize}
 * @param image the init container's image (default: the documented fcr image)
 * @param tokenSecret the Secret holding the init container's token (default {@code fcr-token})
 * @param tokenSecretKey the key in that Secret (default {@code token})
 * @param jarUri the job's own JAR, {@code spec.job.jarURI} (omitted when unset)
 */
record KubernetesRequest(
        @Valid @Size(max = 200) List<ResolveRequest.@jakarta.validation.constraints.NotNull Wanted> identifiers,
        @Size(max = 1_000_000) String sql,
        @Size(max = 256) String jobId,
        @Min(1) @Max(31_536_000) Long leaseSeconds,
        @Pattern(regexp = "FlinkDeployment|FlinkSessionJob", message = "must be FlinkDeployment or FlinkSessionJob") String kind,
        @NotBlank @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String name,
        @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String deploymentName,
        @Pattern(regexp = "yaml|patch|kustomize", message = "must be yaml, patch or kustomize") String output,
        @Size(max = 512) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/:@-]*", message = "must be a container image reference") String image,
        @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String tokenSecret,
        @Size(max = 253) @Pattern(regexp = "[-._a-zA-Z0-9]+", message = "must be a Secret key") String tokenSecretKey,
        @Size(max = 2048) @Pattern(regexp = "\\S+", message = "must be a URI without spaces") String jarUri) {

    static final String DNS_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    /** The defaults filled in. */
    KubernetesRequest {
        kind = kind == null ? "FlinkDeployment" : kind;
        output = output == null ? "yaml" : output;
        tokenSecret = tokenSecret == null ? "fcr-token" : tokenSecret;
        tokenSecretKey = tokenSecretKey == null ? "token" : tokenSecretKey;
        deploymentName = deploymentName == null ? name : deploymentName;
    }

    /** The resolve it starts with. */
    ResolveRequest resolve() {
        return new ResolveRequest(identifiers, sql, jobId, leaseSeconds);
    }

    boolean sessionJob() {
        return "FlinkSessionJob".equals(kind);
    }
}
