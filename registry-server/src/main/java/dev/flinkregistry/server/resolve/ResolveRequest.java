package dev.flinkregistry.server.resolve;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a job needs: identifiers (with or without their family), a Flink SQL script, or both; and
 * optionally the job id whose lease keeps the resolved versions from being deleted.
 *
 * @param identifiers identifiers such as {@code kafka}, optionally with a family
 * @param sql a Flink SQL script whose {@code 'connector'}, {@code *format} and catalog {@code 'type'} are resolved
 * @param jobId records a lease for this job on every resolved version
 * @param leaseSeconds how long the lease lasts (default: the server's lease duration)
 */
record ResolveRequest(
        @Size(max = 200) List<@Valid @jakarta.validation.constraints.NotNull Wanted> identifiers,
        @Size(max = 1_000_000) String sql,
        @Size(max = 256) String jobId,
        @Min(1) @Max(31_536_000) Long leaseSeconds) {

    /** One identifier, optionally in one family ({@code table-connector}, {@code format}, {@code catalog}, …). */
    record Wanted(@NotBlank @Size(max = 256) String identifier, @Size(max = 64) String family) {}
}
