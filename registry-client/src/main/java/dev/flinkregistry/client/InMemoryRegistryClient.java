package dev.flinkregistry.client;

import dev.flinkregistry.client.RegistryClient.ResolveQuery.Wanted;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Explanation;
import dev.flinkregistry.client.model.Identity;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Validation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.model.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link RegistryClient} that keeps everything in memory, for users' own tests of code that
 * submits jobs. It keeps a server's rules and answers as a server does, refusals included (the same
 * status, code and extra members): immutable versions, identical bytes are the same version, one
 * owner per (family, identifier), resolution per family, current and leased versions are kept,
 * breaking updates and roll backs need {@code force}. The registry-client test suite {@code RegistryClientContract}
 * holds it to that, next to the HTTP client and a real server.
 *
 * <p>It analyses nothing: each JAR's (family, identifier) pairs come from an {@link IdentifierSource}.
 * So it knows no options or capabilities: an update breaks jobs only by dropping an identifier,
 * validation checks only that the {@code connector} or {@code type} exists in its family, and a
 * listing cannot filter by capability. It downloads nothing either: registering from a URL is
 * refused. Registered bytes are copied, so a version keeps its bytes when the uploaded file changes.
 * It checks no roles: its caller, {@code in-memory}, is an admin of its workspace. Findings accepted
 * on purpose are checked as a server checks them before it receives a JAR (see {@link InMemoryAcceptance}),
 * but they change nothing: the only findings it makes can never be accepted.
 * Thread-safe.
 */
public final class InMemoryRegistryClient implements RegistryClient {

    /** Says which (family, identifier) pairs a JAR offers, since this client cannot analyse it. */
    @FunctionalInterface
    public interface IdentifierSource {
        /** The (family, identifier) pairs the JAR offers; none (or null) for a JAR that offers nothing. */
        List<VersionDiff.IdentifierRef> identifiersOf(Path jar);
    }

    /** A server's rule for connector names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    /** A server's default lease. */
    private static final Duration DEFAULT_LEASE = Duration.ofHours(24);

    private final String workspace;
    private final String flinkVersion;
    private final IdentifierSource identifiers;
    private final InMemoryState state;
    private final InMemoryResolver resolver;
    private final InMemoryValidator validator;

    /**
     * @param workspace the workspace's name
     * @param flinkVersion its Flink line, e.g. {@code 1.20}, for built-in identifiers
     * @param identifiers what each registered JAR offers
     */
    public InMemoryRegistryClient(String workspace, String flinkVersion, IdentifierSource identifiers) {
        this.workspace = workspace;
        this.flinkVersion = flinkVersion;
        this.identifiers = identifiers;
        this.state = new InMemoryState(workspace);
        this.resolver = new InMemoryResolver(flinkVersion);
        this.validator = new InMemoryValidator((family, identifier) -> state.offers(family, identifier)
                || Family.fromWireName(family).map(f -> BuiltInIdentifiers.familiesOf(flinkVersion, identifier)
                        .contains(f)).orElse(false));
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

    /** The in-memory caller: {@code in-memory}, an admin of this workspace. */
    @Override
    public Identity whoami() {
        return new Identity("in-memory", "user", false, Map.of(workspace, "admin"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws RegistryProblemException {@code UNSUPPORTED_FLINK_VERSION} for a line other than those
     *     of {@link BuiltInIdentifiers#flinkVersions()}
     */
    @Override
    public Analysis analyze(Path jar, String flinkVersion) {
        if (flinkVersion != null && !BuiltInIdentifiers.flinkVersions().contains(flinkVersion)) {
            throw InMemoryProblems.unsupportedFlinkVersion(flinkVersion, BuiltInIdentifiers.flinkVersions());
        }
        return upload(jar, flinkVersion == null ? this.flinkVersion : flinkVersion).analysis();
    }

    /** Refused: the in-memory registry downloads nothing; analyse a file instead. */
    @Override
    public Analysis analyzeFromUrl(String url, String sha256, String flinkVersion) {
        throw new UnsupportedOperationException("The in-memory registry downloads nothing; analyse a file instead");
    }

    @Override
    public UploadResult register(String name, Path jar, AcceptFindings accept) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InMemoryProblems.invalidRequest("Connector name '" + name + "' must be lower-case letters, digits "
                    + "and '-', starting with a letter or digit");
        }
        InMemoryAcceptance.check(accept);
        return state.register(name, upload(jar, flinkVersion));
    }

    /**
     * Without dependencies, {@link #register(String, Path, AcceptFindings)}; with them, refused: the
     * in-memory registry does not keep dependency JARs (register against a real server to test them).
     */
    @Override
    public UploadResult register(String name, Path jar, AcceptFindings accept, List<Dependency> dependencies) {
        if (!dependencies.isEmpty()) {
            throw new UnsupportedOperationException("The in-memory registry keeps no dependency JARs");
        }
        return register(name, jar, accept);
    }

    /** Without dependencies, {@link #update(String, Path, boolean, AcceptFindings)}; with them, refused. */
    @Override
    public UploadResult update(String name, Path jar, boolean force, AcceptFindings accept,
                               List<Dependency> dependencies, boolean clearDependencies) {
        if (!dependencies.isEmpty()) {
            throw new UnsupportedOperationException("The in-memory registry keeps no dependency JARs");
        }
        return update(name, jar, force, accept);
    }

    /** Refused: the in-memory registry downloads nothing; register a file instead. */
    @Override
    public UploadResult registerFromUrl(String name, String url, String sha256, AcceptFindings accept) {
        throw new UnsupportedOperationException("The in-memory registry downloads nothing; register a file instead");
    }

    @Override
    public UploadResult update(String name, Path jar, boolean force, AcceptFindings accept) {
        InMemoryAcceptance.check(accept);
        return state.update(name, upload(jar, flinkVersion), force);
    }

    /** Refused: the in-memory registry downloads nothing; update from a file instead. */
    @Override
    public UploadResult updateFromUrl(String name, String url, String sha256, boolean force, AcceptFindings accept) {
        throw new UnsupportedOperationException("The in-memory registry downloads nothing; update from a file instead");
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException for a capability filter: capabilities come from an
     *     analysis, and this client's {@link IdentifierSource} names only families and identifiers
     */
    @Override
    public Page<ConnectorSummary> list(ListQuery query) {
        if (query.page() < 0 || query.size() < 1 || query.size() > 200) {
            throw InMemoryProblems.invalidRequest("page must be 0 or more, size from 1 to 200: page " + query.page()
                    + ", size " + query.size());
        }
        if (query.capability() != null) {
            throw new UnsupportedOperationException("The in-memory registry knows no capabilities: its "
                    + "IdentifierSource names families and identifiers only");
        }
        return state.list(query);
    }

    @Override
    public Connector connector(String name) {
        return state.connector(name);
    }

    @Override
    public List<Version> versions(String name) {
        return state.versions(name);
    }

    @Override
    public Version version(String name, int version) {
        return state.version(name, version);
    }

    @Override
    public VersionDiff diff(String name, int from, int to) {
        return state.diff(name, from, to);
    }

    @Override
    public Connector setCurrent(String name, int version, boolean force) {
        return state.setCurrent(name, version, force);
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
        Set<Wanted> wanted = resolver.wanted(query);
        InMemoryResolver.Match match = resolver.match(wanted,
                state.currentOffers(wanted.stream().map(Wanted::identifier).toList()));
        Resolution.Lease lease = null;
        if (query.jobId() != null && !query.jobId().isBlank()) {
            Instant ends = Instant.now().plus(query.leaseSeconds() == null ? DEFAULT_LEASE
                    : Duration.ofSeconds(query.leaseSeconds()));
            state.lease(query.jobId(), match.jars().stream().map(Resolution.Jar::sha256).toList(), ends);
            lease = new Resolution.Lease(query.jobId(), ends);
        }
        return new Resolution(workspace, flinkVersion, match.resolved(), match.jars(), match.builtIn(), lease, List.of());
    }

    @Override
    public void releaseLease(String jobId) {
        state.release(jobId);
    }

    @Override
    public Validation validateOptions(Map<String, String> options) {
        return validator.options(options);
    }

    @Override
    public Validation validateSql(String sql) {
        return validator.sql(sql);
    }

    /**
     * @throws UnsupportedOperationException always: explaining needs the server's view of every
     *     version's classes and Flink's built-in factories, which the in-memory registry does not have
     */
    @Override
    public Explanation explain(String errorText) {
        throw new UnsupportedOperationException("The in-memory registry explains no Flink errors; use a registry server");
    }

    /** The kept copy of the bytes: a closed client's copies are gone. */
    @Override
    public Path fetch(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("Not a lower-case SHA-256 digest: " + sha256);
        }
        return state.file(sha256).orElseThrow(() -> InMemoryProblems.bytesNotFound(sha256));
    }

    /** Removes the copies of the registered bytes. */
    @Override
    public void close() {
        state.close();
    }

    /** The JAR, its digest and size, and what its identifier source says it offers in a Flink line. */
    private InMemoryState.Upload upload(Path jar, String flinkVersion) {
        try {
            String sha256 = JarCache.sha256Of(jar);
            long size = Files.size(jar);
            List<VersionDiff.IdentifierRef> offers = identifiers.identifiersOf(jar);
            Analysis analysis = InMemoryAnalysis.of(flinkVersion, jar, sha256, size, offers == null ? List.of() : offers);
            return new InMemoryState.Upload(jar, sha256, size, analysis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
