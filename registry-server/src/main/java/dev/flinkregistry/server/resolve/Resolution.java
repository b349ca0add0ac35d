package dev.flinkregistry.server.resolve;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a resolve: per identifier the connector, the pinned version and where to get its
 * bytes; the distinct JARs a job needs; identifiers Flink has built in; and the lease, if any.
 */
record Resolution(
        String workspace,
        String flinkVersion,
        List<Resolved> resolved,
        List<Jar> jars,
        List<BuiltIn> builtIn,
        Lease lease,
        List<JobFinding> findings) {

    /** One identifier and the version that provides it. */
    record Resolved(String identifier, String family, String connector, int version, String sha256, long size,
                    String url) {}

    /**
     * One JAR to put on the job's class path (pipeline.jars / ADD JAR): a connector version's own JAR
     * ({@code role} "connector") or a JAR attached to it ({@code role} "dependency"); {@code fileName}
     * is a readable name for the file (never a path).
     */
    record Jar(String connector, int version, String sha256, long size, String url, String role, String fileName) {

        static final String CONNECTOR = "connector";
        static final String DEPENDENCY = "dependency";
    }

    /**
     * A finding about the job's JARs taken together (e.g. two JARs offering one identifier):
     * {@code jars} names the SHA-256 digests involved.
     */
    record JobFinding(String code, String severity, String message, List<String> jars) {}

    /** An identifier the workspace's Flink version ships; nothing to download. */
    record BuiltIn(String identifier, String family) {}

    /** The job's lease on the resolved versions. */
    record Lease(String jobId, Instant expiresAt) {}
}
