package dev.flinkregistry.server.lease;

import java.time.Instant;
import java.util.List;

/**
 * A running job's lease in a workspace, as a listing shows it.
 *
 * @param jobId the job id sent with the resolve request
 * @param principal who took the lease, as the audit log names callers
 * @param expiresAt when the lease ends unless renewed or released (the latest of its versions')
 * @param versions the versions it holds, by connector name and version number
 */
public record RunningLease(String jobId, String principal, Instant expiresAt, List<LeasedVersion> versions) {

    public RunningLease {
        versions = List.copyOf(versions);
    }

    /** One version a lease holds. */
    public record LeasedVersion(String connector, int version) {}
}
