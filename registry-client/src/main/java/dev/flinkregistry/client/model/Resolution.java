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
 * @param findings what is wrong with the job's JARs taken together (empty when nothing, or when an
 *        older registry did not say)
 */
public record Resolution(String workspace, String flinkVersion, List<Resolved> resolved, List<Jar> jars,
                         List<BuiltIn> builtIn, Lease lease, List<JobFinding> findings) {

    /** Without findings from the server: an empty list. */
    public Resolution {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** One identifier and the pinned version that provides it. */
    public record Resolved(String identifier, String family, String connector, int version, String sha256, long size,
                           String url) {}

    /**
     * One pinned JAR: a connector version's own ({@code role} "connector") or one attached to it
     * ({@code role} "dependency"); {@code fileName} is a readable file name, never a path (null from
     * an older registry).
     */
    public record Jar(String connector, int version, String sha256, long size, String url, String role,
                      String fileName) {

        /** A registry that did not say the role: a connector's own JAR. */
        public Jar {
            role = role == null ? "connector" : role;
        }

        /** The connector version's own JAR. */
        public Jar(String connector, int version, String sha256, long size, String url) {
            this(connector, version, sha256, size, url, "connector", connector + "-" + version + ".jar");
        }
    }

    /** A finding about the job's JARs taken together; {@code jars} names the SHA-256 digests involved. */
    public record JobFinding(String code, String severity, String message, List<String> jars) {}

    /** An identifier built into the Flink version. */
    public record BuiltIn(String identifier, String family) {}

    /** A job's lease: until it ends, the versions it uses cannot be deleted. */
    public record Lease(String jobId, Instant expiresAt) {}
}
