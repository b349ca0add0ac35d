package dev.flinkregistry.client.job;

import dev.flinkregistry.client.BuiltInIdentifiers;
import dev.flinkregistry.client.JarCache;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.RegistryClient;
import dev.flinkregistry.client.RegistryClientException;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.sql.FlinkSqlScanner;
import dev.flinkregistry.sql.RequiredIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        Resolution resolution = client.resolve(ResolveQuery.required(required).forJob(jobId, leaseSeconds));
        List<Path> fetched = fetchAll(resolution.jars());
        List<Path> named = new ArrayList<>();
        for (int i = 0; i < fetched.size(); i++) {
            named.add(readable(fetched.get(i), resolution.jars().get(i)));
        }
        return new JobJars(resolution, named);
    }

    /** The cached file under a name that says what it is (connector and version, or the registry's file name). */
    private static Path readable(Path cached, Resolution.Jar jar) {
        String name = jar.fileName() != null ? jar.fileName() : jar.connector() + "-" + jar.version();
        try {
            return JarCache.readable(cached, jar.sha256(), name);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not name the cached JAR " + cached, e);
        }
    }

    /**
     * Fetches the JARs side by side (each from the cache when it is there) and returns them in the
     * resolution's order. The largest starts first, and at most as many run at once as there are
     * processors (two to four): hashing a JAR costs about as much CPU as receiving it, so more
     * downloads than cores only slow the largest one down (registry-e2e's JobFetchBenchmark).
     */
    private List<Path> fetchAll(List<Resolution.Jar> jars) {
        if (jars.size() <= 1) {
            return jars.stream().map(jar -> client.fetch(jar.sha256())).toList();
        }
        int parallel = Math.min(jars.size(), Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "registry-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<Path>> fetches = new HashMap<>();
            jars.stream().sorted(Comparator.comparingLong(Resolution.Jar::size).reversed()).forEach(jar ->
                    fetches.computeIfAbsent(jar.sha256(), sha256 -> pool.submit(() -> client.fetch(sha256))));
            List<Path> paths = new ArrayList<>();
            for (Resolution.Jar jar : jars) {
                paths.add(fetches.get(jar.sha256()).get());
            }
            return paths;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("Interrupted while fetching JARs", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new RegistryClientException("Could not fetch a JAR", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
