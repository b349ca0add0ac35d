package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.sql.FlinkSqlScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RegistryClient} that keeps everything in memory, for users' own tests of code that
 * submits jobs: it keeps the registry's rules (immutable versions, identical bytes are the same
 * version, one owner per identifier, current and leased versions are kept, breaking updates need
 * {@code force}) but analyses nothing — each JAR's identifiers come from an {@link IdentifierSource}.
 * Thread-safe.
 */
public final class InMemoryRegistryClient implements RegistryClient {

    /** Says which (family, identifier) pairs a JAR offers, since this client cannot analyse it. */
    @FunctionalInterface
    public interface IdentifierSource {
        /** The (family, identifier) pairs the JAR offers. */
        List<VersionDiff.IdentifierRef> identifiersOf(Path jar);
    }

    private final String workspace;
    private final String flinkVersion;
    private final IdentifierSource identifiers;
    private final InMemoryState state = new InMemoryState();

    /**
     * @param workspace the workspace's name
     * @param flinkVersion its Flink line, e.g. {@code 1.20}, for built-in identifiers
     * @param identifiers what each registered JAR offers
     */
    public InMemoryRegistryClient(String workspace, String flinkVersion, IdentifierSource identifiers) {
        this.workspace = workspace;
        this.flinkVersion = flinkVersion;
        this.identifiers = identifiers;
    }

    /** Offers {@code identifiers} of {@code family} for every JAR, whatever it is. */
    public static IdentifierSource always(String family, String... identifiers) {
        List<VersionDiff.IdentifierRef> refs = java.util.Arrays.stream(identifiers)
                .map(i -> new VersionDiff.IdentifierRef(family, i)).toList();
        return jar -> refs;
    }

    @Override
    public String workspace() {
        return workspace;
    }

    @Override
    public Analysis analyze(Path jar) {
        String sha256 = digest(jar);
        List<FactoryInfo> factories = identifiers.identifiersOf(jar).stream()
                .map(ref -> new FactoryInfo(null, true, ref.identifier(), List.of(ref.family()), List.of(), List.of(),
                        null))
                .toList();
        return new Analysis(flinkVersion, flinkVersion, new Analysis.JarInfo(jar.getFileName().toString(),
                InMemoryState.size(jar), sha256), factories, List.of(), !factories.isEmpty());
    }

    @Override
    public UploadResult register(String name, Path jar) {
        return state.register(workspace, name, jar, digest(jar), offered(jar));
    }

    @Override
    public UploadResult registerFromUrl(String name, String url, String sha256) {
        throw new UnsupportedOperationException("The in-memory registry downloads nothing; register a file instead");
    }

    @Override
    public UploadResult update(String name, Path jar, boolean force) {
        return state.update(workspace, name, jar, digest(jar), offered(jar), force);
    }

    @Override
    public UploadResult updateFromUrl(String name, String url, String sha256, boolean force) {
        throw new UnsupportedOperationException("The in-memory registry downloads nothing; update from a file instead");
    }

    @Override
    public Page<ConnectorSummary> list(ListQuery query) {
        return state.list(query);
    }

    @Override
    public Connector connector(String name) {
        return state.connector(workspace, name);
    }

    @Override
    public List<Version> versions(String name) {
        return state.versions(workspace, name);
    }

    @Override
    public Version version(String name, int version) {
        return state.version(workspace, name, version);
    }

    @Override
    public VersionDiff diff(String name, int from, int to) {
        return state.diff(name, from, to);
    }

    @Override
    public Connector setCurrent(String name, int version) {
        state.setCurrent(name, version);
        return connector(name);
    }

    @Override
    public void deleteVersion(String name, int version) {
        state.deleteVersion(name, version);
    }

    @Override
    public void deleteConnector(String name) {
        state.deleteConnector(name);
    }

    @Override
    public Resolution resolve(ResolveQuery query) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (query.identifiers() != null) {
            query.identifiers().forEach(w -> wanted.putIfAbsent(w.identifier(), w.family()));
        }
        if (query.sql() != null) {
            FlinkSqlScanner.requiredIdentifiers(query.sql())
                    .forEach(r -> wanted.putIfAbsent(r.identifier(), r.family().wireName()));
        }
        List<Resolution.BuiltIn> builtIn = new ArrayList<>();
        wanted.entrySet().removeIf(entry -> {
            Optional<String> family = builtInFamily(entry.getKey(), entry.getValue());
            family.ifPresent(f -> builtIn.add(new Resolution.BuiltIn(entry.getKey(), f)));
            return family.isPresent();
        });
        Duration lease = query.leaseSeconds() == null ? Duration.ofHours(24) : Duration.ofSeconds(query.leaseSeconds());
        return state.resolve(workspace, flinkVersion, wanted, builtIn, query.jobId(), Instant.now().plus(lease));
    }

    /** The family in which Flink ships the identifier (any family when none is given), if it does. */
    private Optional<String> builtInFamily(String identifier, String family) {
        List<Family> families = family != null ? Family.fromWireName(family).stream().toList()
                : List.of(Family.TABLE_CONNECTOR, Family.FORMAT, Family.CATALOG);
        return families.stream().filter(f -> BuiltInIdentifiers.of(flinkVersion, f).contains(identifier)).findFirst()
                .map(Family::wireName);
    }

    /** Refuses a JAR that offers what Flink ships, as the server's analysis does (BUILTIN_IDENTIFIER). */
    private List<VersionDiff.IdentifierRef> offered(Path jar) {
        List<VersionDiff.IdentifierRef> offers = identifiers.identifiersOf(jar);
        for (VersionDiff.IdentifierRef ref : offers) {
            Family family = Family.fromWireName(ref.family()).orElse(Family.OTHER);
            Family asked = Family.FORMAT.satisfiedBy(family) ? Family.FORMAT : family;
            if (BuiltInIdentifiers.of(flinkVersion, asked).contains(ref.identifier())) {
                throw new RegistryProblemException(422, "ANALYSIS_REFUSED", "'" + ref.identifier()
                        + "' is built into Flink " + flinkVersion + " (BUILTIN_IDENTIFIER)", Map.of());
            }
        }
        return offers;
    }

    @Override
    public void releaseLease(String jobId) {
        state.release(jobId);
    }

    @Override
    public Validation validateOptions(Map<String, String> options) {
        Validation.Result result = check(options);
        return new Validation(result.valid(), List.of(new Validation.StatementResult("OPTIONS", null, null, result)));
    }

    /** Whether some connector (registered or built in) offers the options' connector or catalog type. */
    private Validation.Result check(Map<String, String> options) {
        String identifier = options.getOrDefault("connector", options.get("type"));
        Family family = options.containsKey("connector") ? Family.TABLE_CONNECTOR : Family.CATALOG;
        boolean known = identifier != null && (state.offers(identifier)
                || BuiltInIdentifiers.of(flinkVersion, family).contains(identifier));
        return new Validation.Result(known, identifier, known ? List.of()
                : List.of(new Validation.Problem("UNKNOWN_IDENTIFIER", "ERROR", "connector",
                        "No connector offers '" + identifier + "'", null)));
    }

    @Override
    public Validation validateSql(String sql) {
        List<Validation.StatementResult> results = new ArrayList<>();
        FlinkSqlScanner.statements(sql).stream().filter(s -> !s.options().isEmpty()).forEach(statement -> results.add(
                new Validation.StatementResult(statement.kind().name(), statement.name(), statement.line(),
                        check(statement.options()))));
        return new Validation(results.stream().allMatch(r -> r.result().valid()), results);
    }

    @Override
    public Path fetch(String sha256) {
        return state.file(sha256).orElseThrow(() -> new NotFoundException("VERSION_NOT_FOUND",
                "No version with SHA-256 " + sha256, Map.of()));
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    static String digest(Path jar) {
        try {
            return JarCache.sha256Of(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
