package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * What a job needs, pinned: per identifier the version that provides it and where its immutable
 * bytes are; the distinct JARs; identifiers Flink has built in; and the job's lease, if any.
 *
 * @param workspace the workspace resolved in
 * @param flinkVersion its Flink engine line
 * @param resolved one entry per identifier
 * @param jars the distinct JARs to put on the job's class path
 * @param builtIn identifiers the Flink version ships, nothing to download
 * @param lease the job's lease on the resolved versions, or null
 */
public record Resolution(String workspace, String flinkVersion, List<Resolved> resolved, List<Jar> jars,
                         List<BuiltIn> builtIn, Lease lease) {

    /** One identifier and the pinned version that provides it. */
    public record Resolved(String identifier, String family, String connector, int version, String sha256, long size,
                           String url) {}

    /** One pinned JAR. */
    public record Jar(String connector, int version, String sha256, long size, String url) {}

    /** An identifier built into the Flink version. */
    public record BuiltIn(String identifier, String family) {}

    /** A job's lease: until it ends, the versions it uses cannot be deleted. */
    public record Lease(String jobId, Instant expiresAt) {}
}
