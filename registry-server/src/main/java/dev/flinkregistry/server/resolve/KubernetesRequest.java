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
 * @param renewEvery with {@code jobId}: a sidecar in the JobManager pod renews the lease at this
 *     interval ({@code 1h}, {@code 30m}, {@code PT1H}); none when unset
 */
record KubernetesRequest(
        @Size(max = 200) List<ResolveRequest.@Valid @jakarta.validation.constraints.NotNull Wanted> identifiers,
        @Size(max = 1_000_000) String sql,
        @Size(max = 256) @Pattern(regexp = JOB_ID, message = "must be letters, digits and ._:@/- starting with a letter or digit")
        String jobId,
        @Min(1) @Max(31_536_000) Long leaseSeconds,
        @Pattern(regexp = "FlinkDeployment|FlinkSessionJob", message = "must be FlinkDeployment or FlinkSessionJob") String kind,
        @NotBlank @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String name,
        @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String deploymentName,
        @Pattern(regexp = "yaml|patch|kustomize", message = "must be yaml, patch or kustomize") String output,
        @Size(max = 512) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/:@-]*", message = "must be a container image reference") String image,
        @Size(max = 253) @Pattern(regexp = DNS_NAME, message = "must be a Kubernetes name (lower-case DNS subdomain)") String tokenSecret,
        @Size(max = 253) @Pattern(regexp = "[-._a-zA-Z0-9]+", message = "must be a Secret key") String tokenSecretKey,
        @Size(max = 2048) @Pattern(regexp = "[!-~]+", message = "must be a URI of printable ASCII without spaces") String jarUri,
        @Size(max = 32) @Pattern(regexp = "[1-9][0-9]*[smhd]|PT[0-9HMS.]+", message = "must be a duration such as 1h, 30m or PT1H")
        String renewEvery) {

    /**
     * A job id that is safe in YAML and as a command argument: printable ASCII without spaces or YAML
     * indicators, never starting with {@code -} (an option to the renewal sidecar's {@code fcr}).
     */
    static final String JOB_ID = "[A-Za-z0-9][A-Za-z0-9._:@/-]{0,255}";

    static final String DNS_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    /** The defaults filled in. */
    KubernetesRequest {
        kind = kind == null ? "FlinkDeployment" : kind;
        output = output == null ? "yaml" : output;
        tokenSecret = tokenSecret == null ? "fcr-token" : tokenSecret;
        tokenSecretKey = tokenSecretKey == null ? "token" : tokenSecretKey;
        deploymentName = deploymentName == null ? name : deploymentName;
    }

    /**
     * The renewal interval, checked against the rest of the request; null without a renewal sidecar.
     *
     * @param defaultLease the lease's length when the request gives no {@code leaseSeconds}
     */
    java.time.Duration renewal(java.time.Duration defaultLease) {
        if (renewEvery == null) {
            return null;
        }
        if (jobId == null || jobId.isBlank()) {
            throw new InvalidDeliveryRequestException("renewEvery: needs a jobId, whose lease the sidecar renews");
        }
        java.time.Duration interval;
        try {
            if (Character.isDigit(renewEvery.charAt(0))) {
                long amount = Long.parseLong(renewEvery.substring(0, renewEvery.length() - 1));
                interval = switch (renewEvery.charAt(renewEvery.length() - 1)) {
                    case 's' -> java.time.Duration.ofSeconds(amount);
                    case 'm' -> java.time.Duration.ofMinutes(amount);
                    case 'h' -> java.time.Duration.ofHours(amount);
                    default -> java.time.Duration.ofDays(amount);
                };
            } else {
                interval = java.time.Duration.parse(renewEvery);
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidDeliveryRequestException("renewEvery: not a duration: " + renewEvery);
        } catch (NumberFormatException | ArithmeticException e) {
            // Only digits before the unit (the pattern): too many of them for a long, or for a Duration.
            throw new InvalidDeliveryRequestException("renewEvery: must be shorter than the lease, not " + renewEvery);
        }
        long lease = leaseSeconds != null ? leaseSeconds : defaultLease.toSeconds();
        if (interval.toSeconds() < 60 || interval.compareTo(java.time.Duration.ofSeconds(lease)) >= 0) {
            throw new InvalidDeliveryRequestException("renewEvery: must be at least a minute and shorter than the lease ("
                    + lease + " s" + (leaseSeconds == null ? ", the server's default" : "") + ")");
        }
        return interval;
    }

    /** The resolve it starts with. */
    ResolveRequest resolve() {
        return new ResolveRequest(identifiers, sql, jobId, leaseSeconds);
    }

    boolean sessionJob() {
        return "FlinkSessionJob".equals(kind);
    }
}
