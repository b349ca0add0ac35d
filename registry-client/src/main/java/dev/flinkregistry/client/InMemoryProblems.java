package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.sql.SqlScanException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The refusals of {@link InMemoryRegistryClient}, as a server answers them: the same status, code
 * and extra members (shaped as the HTTP client parses them from JSON), and the server's wording.
 */
final class InMemoryProblems {

    private InMemoryProblems() {}

    static NotFoundException connectorNotFound(String workspace, String name) {
        return new NotFoundException("CONNECTOR_NOT_FOUND", "Connector '" + name + "' does not exist in workspace '"
                + workspace + "'", Map.of());
    }

    static NotFoundException versionNotFound(String name, int version) {
        return new NotFoundException("VERSION_NOT_FOUND", "Connector '" + name + "' has no version " + version,
                Map.of());
    }

    static NotFoundException bytesNotFound(String sha256) {
        return new NotFoundException("VERSION_NOT_FOUND", "No version with SHA-256 " + sha256
                + " is stored in this workspace", Map.of());
    }

    static ConflictException connectorAlreadyExists(String workspace, String name) {
        return new ConflictException("CONNECTOR_ALREADY_EXISTS", "Connector '" + name + "' already exists in workspace '"
                + workspace + "': upload new bytes as a version of it", Map.of());
    }

    static ConflictException identifierTaken(VersionDiff.IdentifierRef taken, String owner) {
        return new ConflictException("IDENTIFIER_ALREADY_REGISTERED", "'" + taken.identifier() + "' ("
                + taken.family() + ") is already provided by connector '" + owner
                + "'; update that connector, or give this factory another identifier",
                Map.of("family", taken.family(), "identifier", taken.identifier(), "owner", owner));
    }

    /** The update's diff goes along, numbered {@code to} null as the version was not created. */
    static ConflictException breakingChange(String name, VersionDiff diff) {
        return new ConflictException("BREAKING_CHANGE", "The new version of '" + name
                + "' would break jobs at their next restart (" + String.join("; ", diff.breakingChanges())
                + "); repeat with force=true to register it anyway", Map.of("diff", Json.asParsed(diff)));
    }

    static ConflictException breakingRollback(String name, VersionDiff diff) {
        return new ConflictException("BREAKING_CHANGE", "Making version " + diff.to() + " of '" + name
                + "' current would break jobs at their next restart (" + String.join("; ", diff.breakingChanges())
                + "); repeat with \"force\": true to move it anyway", Map.of("diff", Json.asParsed(diff)));
    }

    static ConflictException versionIsCurrent(String name, int version) {
        return new ConflictException("VERSION_IS_CURRENT", "Version " + version + " is the current version of '"
                + name + "'; make another version current first", Map.of());
    }

    /** @param what "Version 2" or "A version" */
    static ConflictException versionLeased(String name, String what, List<String> jobs) {
        return new ConflictException("VERSION_LEASED", what + " of '" + name + "' is in use by running jobs " + jobs
                + "; it can be deleted once their leases are released or expire", Map.of("jobs", List.copyOf(jobs)));
    }

    static AnalysisRefusedException analysisRefused(Analysis analysis) {
        List<Finding> errors = analysis.findings().stream().filter(f -> "ERROR".equals(f.severity())).toList();
        String detail = "The JAR cannot be registered for Flink " + analysis.flinkVersion() + ": "
                + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("findings", Json.asParsed(analysis.findings()));
        properties.put("factories", Json.asParsed(analysis.factories()));
        // Its only refusals, nothing offered and built-in identifiers, can never be accepted.
        properties.put("refusingCodes", errors.stream().map(Finding::code).distinct().sorted().toList());
        properties.put("acceptable", false);
        return new AnalysisRefusedException(detail, properties, analysis.findings());
    }

    /** @param unresolved each an {@code identifier} and the {@code family} it was wanted in, or {@code any} */
    static RegistryProblemException unresolved(List<Map<String, String>> unresolved) {
        return new RegistryProblemException(422, "UNRESOLVED_IDENTIFIERS", "No connector in this workspace, and "
                + "nothing built into its Flink version, provides " + unresolved.stream()
                        .map(u -> "'" + u.get("identifier") + "' (" + u.get("family") + ")").toList()
                + ": register the connector first", Map.of("unresolved", List.copyOf(unresolved)));
    }

    static RegistryProblemException nothingToResolve() {
        return new RegistryProblemException(400, "NOTHING_TO_RESOLVE", "Name the identifiers to resolve, or send a "
                + "Flink SQL script that uses connectors, formats or catalogs", Map.of());
    }

    static RegistryProblemException nothingToValidate() {
        return new RegistryProblemException(400, "NOTHING_TO_VALIDATE", "Send \"options\" (with 'connector', or "
                + "'type' for a catalog) or \"sql\" with CREATE TABLE or CREATE CATALOG statements that have WITH (...) "
                + "options", Map.of());
    }

    static RegistryProblemException invalidSql(SqlScanException e) {
        return new RegistryProblemException(400, "INVALID_SQL", "The SQL script could not be read: " + e.getMessage(),
                Map.of("line", e.line()));
    }

    static RegistryProblemException unsupportedFlinkVersion(String requested, Collection<String> supported) {
        return new RegistryProblemException(400, "UNSUPPORTED_FLINK_VERSION", "Flink " + requested
                + " is not supported; supported versions: " + String.join(", ", new TreeSet<>(supported)), Map.of());
    }

    static RegistryProblemException invalidRequest(String detail) {
        return new RegistryProblemException(400, "INVALID_REQUEST", detail, Map.of());
    }
}
