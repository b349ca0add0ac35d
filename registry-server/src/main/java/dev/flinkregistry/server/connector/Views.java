package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.JarAnalysis;
import java.time.Instant;
import java.util.List;

/** Read models of the connector feature, as the web layer and other features see them. */
public final class Views {

    private Views() {}

    /**
     * One version.
     *
     * @param downloadPath the immutable, content-addressed download path of these bytes
     * @param analysis the stored analysis, or null where a listing leaves it out
     * @param acceptance the error findings a workspace admin accepted to register these bytes, or null
     * @param dependencies the JARs that travel with this version (drivers, client libraries), in class-path order
     */
    public record VersionView(
            String workspace, String connector, int version, String sha256, long size, String fileName,
            String sourceType, String sourceUrl, String createdBy, Instant createdAt, boolean current,
            String downloadPath, JarAnalysis analysis, Acceptance acceptance, List<DependencyView> dependencies) {

        /** The path under which bytes with this digest are served, forever. */
        public static String downloadPathOf(String workspace, String sha256) {
            return "/api/v1/workspaces/" + workspace + "/jars/" + sha256;
        }
    }

    /**
     * A JAR attached to a version as its dependency, as the version shows it.
     *
     * @param fileName the sanitised name it was sent under (never a path)
     * @param sourceType {@code UPLOAD} or {@code URL}
     * @param sourceUrl where it was downloaded from, for {@code URL}
     * @param downloadPath its immutable, content-addressed download path
     */
    public record DependencyView(String fileName, String sha256, long size, String sourceType, String sourceUrl,
                                 String downloadPath) {}

    /**
     * Error findings a workspace admin accepted on purpose, so that a JAR the analysis refused was
     * registered (DESIGN rule 2).
     *
     * @param codes the accepted finding codes: exactly those that refused the JAR
     * @param reason why they were accepted
     * @param acceptedBy who accepted them, as the audit log names callers
     * @param acceptedAt when
     */
    public record Acceptance(List<String> codes, String reason, String acceptedBy, Instant acceptedAt) {

        public Acceptance {
            codes = List.copyOf(codes);
        }
    }

    /** A connector with its current version. */
    public record ConnectorView(
            String workspace, String name, Integer currentVersion, long versionCount, Instant createdAt,
            Instant updatedAt, VersionView current) {}

    /**
     * The answer to moving the current pointer: the connector as {@link ConnectorView} shows it, and
     * what the move changed.
     *
     * @param diff the comparison of the version that was current before with the new current one
     */
    public record CurrentChange(
            String workspace, String name, Integer currentVersion, long versionCount, Instant createdAt,
            Instant updatedAt, VersionView current, VersionDiff diff) {

        static CurrentChange of(ConnectorView connector, VersionDiff diff) {
            return new CurrentChange(connector.workspace(), connector.name(), connector.currentVersion(),
                    connector.versionCount(), connector.createdAt(), connector.updatedAt(), connector.current(), diff);
        }
    }

    /**
     * A connector in a listing: what its current version offers.
     *
     * @param updatedBy who registered the current version, as the audit log names callers
     * @param warnings how many warning findings the current version's analysis has
     */
    public record ConnectorSummary(
            String name, Integer currentVersion, Instant updatedAt, String updatedBy, int warnings,
            List<FactorySummary> factories) {}

    /** One identifier a connector offers, with its families and capabilities. */
    public record FactorySummary(String identifier, List<String> families, List<String> capabilities) {}

    /**
     * The answer to an upload.
     *
     * @param created false when identical bytes were already a version (nothing was created)
     * @param diff the compatibility diff against the version that was current before
     */
    public record UploadResult(VersionView version, boolean created, VersionDiff diff) {}

    /** A page of results. */
    public record Page<T>(List<T> items, int page, int size, long total) {}
}
