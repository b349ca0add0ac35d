package dev.flinkregistry.client.job;

import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.sql.FlinkSqlScanner;
import dev.flinkregistry.client.sql.RequiredIdentifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a Flink SQL job's connectors at submission: finds the identifiers the script needs,
 * leaves out those the Flink version ships, resolves the rest to pinned versions in one request
 * (optionally leasing them for the job), and fetches what the local cache lacks. A job resolved
 * this way keeps its bytes; the next submission resolves the current versions again.
 */
public final class JobSubmission {

    private final RegistryClient client;
    private final String flinkVersion;

    /**
     * @param client the registry, for the job's workspace
     * @param flinkVersion the job's Flink engine line, e.g. {@code 1.20}, to leave out built-in identifiers
     */
    public JobSubmission(RegistryClient client, String flinkVersion) {
        this.client = client;
        this.flinkVersion = flinkVersion;
    }

    /** The identifiers the script needs that Flink itself does not ship. */
    public List<RequiredIdentifier> requiredIdentifiers(String sql) {
        return FlinkSqlScanner.requiredIdentifiers(sql).stream()
                .filter(required -> !BuiltInIdentifiers.isBuiltIn(flinkVersion, required)).toList();
    }

    /** Resolves and fetches what the script needs; no lease. */
    public JobJars prepare(String sql) {
        return prepare(sql, null, null);
    }

    /**
     * Resolves and fetches what the script needs.
     *
     * @param jobId when set, the resolved versions are leased for this job until released or expired
     * @param leaseSeconds the lease's length, or null for the server's default
     */
    public JobJars prepare(String sql, String jobId, Long leaseSeconds) {
        List<RequiredIdentifier> required = requiredIdentifiers(sql);
        if (required.isEmpty()) {
            return new JobJars(null, List.of());
        }
        List<ResolveQuery.Wanted> wanted = required.stream()
                .map(r -> new ResolveQuery.Wanted(r.identifier(), r.family())).toList();
        Resolution resolution = client.resolve(new ResolveQuery(wanted, null, jobId, leaseSeconds));
        List<Path> jars = new ArrayList<>();
        for (Resolution.Jar jar : resolution.jars()) {
            jars.add(client.fetch(jar.sha256()));
        }
        return new JobJars(resolution, jars);
    }
}
