package dev.flinkregistry.server.resolve;

import java.time.Instant;

/**
 * A job's lease after a renewal: until when it keeps its versions, and how many it holds.
 *
 * @param jobId the job
 * @param expiresAt when the lease ends unless renewed again
 * @param versions how many versions it holds
 */
record RenewedLease(String jobId, Instant expiresAt, int versions) {}
