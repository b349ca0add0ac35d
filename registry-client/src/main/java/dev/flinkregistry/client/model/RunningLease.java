package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A running job's lease, taken by resolving with a job id: until it ends, the versions it holds
 * cannot be deleted.
 *
 * @param jobId the job
 * @param principal who took it ({@code token:<name>} for API tokens)
 * @param expiresAt when it ends unless renewed or released
 * @param versions the versions it holds
 */
public record RunningLease(String jobId, String principal, Instant expiresAt, List<LeasedVersion> versions) {

    /** One version a lease holds. */
    public record LeasedVersion(String connector, int version) {}
}
