package dev.flinkregistry.client;

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
import dev.flinkregistry.sql.RequiredIdentifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Flink Connector Registry, as a job submitter or a platform team's tooling sees it, for one
 * workspace. {@link #builder()} makes one that talks HTTP to one or more servers;
 * {@link InMemoryRegistryClient} is one for tests.
 *
 * <p>Every method throws {@link RegistryProblemException} (or a subclass such as
 * {@link NotFoundException}, {@link ConflictException}, {@link AnalysisRefusedException}) when
 * the registry refuses the request, {@link AuthenticationException} when it does not accept the
 * caller's token (or none was given), {@link AccessDeniedException} when the caller lacks the role
 * the request needs, and {@link RegistryUnavailableException} when no server answered after retries.
 */
public interface RegistryClient extends AutoCloseable {

    /** A builder for a client that talks to registry servers over HTTP. */
    static HttpRegistryClient.Builder builder() {
        return new HttpRegistryClient.Builder();
    }

    /** The workspace this client works in. */
    String workspace();

    /** Who the registry takes this client's caller for, and the caller's role in each workspace. */
    Identity whoami();

    /** Analyses a JAR for the workspace's Flink version without registering it (the "parse, then confirm" step). */
    default Analysis analyze(Path jar) {
        return analyze(jar, null);
    }

    /**
     * Analyses a JAR for a Flink engine line without registering it, exactly as registration would.
     * The answer says whether registration would accept the JAR ({@link Analysis#accepted()}); a JAR
     * that would be refused is an answer too, not an {@link AnalysisRefusedException}.
     *
     * @param jar the JAR file
     * @param flinkVersion the engine line, e.g. {@code 2.2}; null for the workspace's
     * @return the analysis; nothing is stored
     * @throws RegistryProblemException {@code UNSUPPORTED_FLINK_VERSION} when the registry has no runtime for that line
     */
    Analysis analyze(Path jar, String flinkVersion);

    /**
     * Like {@link #analyze(Path, String)}, for the JAR at a URL, which the registry downloads (under
     * its URL policy), analyses and forgets.
     *
     * @param url an http(s) URL the registry may download from
     * @param sha256 the SHA-256 the download must have, or null
     * @param flinkVersion the engine line, e.g. {@code 2.2}; null for the workspace's
     * @return the analysis; nothing is stored
     * @throws RegistryProblemException {@code URL_NOT_ALLOWED}, {@code URL_FETCH_FAILED} or
     *     {@code CHECKSUM_MISMATCH} when the JAR could not be taken from the URL
     */
    Analysis analyzeFromUrl(String url, String sha256, String flinkVersion);

    /**
     * Registers a new connector with the JAR as its version 1. When the connector of that name
     * already has these exact bytes (a repeated call, or a retry after a lost answer), the result
     * is that version with {@code created} false; other bytes under a taken name are refused with
     * {@code CONNECTOR_ALREADY_EXISTS}.
     */
    default UploadResult register(String name, Path jar) {
        return register(name, jar, null);
    }

    /**
     * Like {@link #register(String, Path)}, accepting error findings on purpose (a workspace admin
     * only): a JAR the analysis refuses is registered when every finding that refuses it is accepted
     * and at least one declared factory loads; its version then has an {@link Version#acceptance()}.
     *
     * @param accept the findings to accept and why, or null to accept none
     * @throws AccessDeniedException when the caller is not an admin of the workspace
     * @throws RegistryProblemException {@code FINDING_NOT_ACCEPTABLE}, {@code UNKNOWN_FINDING_CODE} or
     *     {@code ACCEPT_REASON_REQUIRED} for an acceptance that cannot be granted as asked
     */
    UploadResult register(String name, Path jar, AcceptFindings accept);

    /** Registers a new connector from a URL, downloaded once as an immutable snapshot; {@code sha256} may be null. */
    default UploadResult registerFromUrl(String name, String url, String sha256) {
        return registerFromUrl(name, url, sha256, null);
    }

    /**
     * Like {@link #registerFromUrl(String, String, String)}, accepting error findings on purpose
     * (see {@link #register(String, Path, AcceptFindings)}).
     *
     * @param accept the findings to accept and why, or null to accept none
     */
    UploadResult registerFromUrl(String name, String url, String sha256, AcceptFindings accept);

    /**
     * Uploads the JAR as a new version of a connector and makes it current. Identical bytes return the
     * existing version ({@link UploadResult#created()} false). A breaking change is refused with a
     * {@link ConflictException} ({@code BREAKING_CHANGE}) unless {@code force}.
     */
    default UploadResult update(String name, Path jar, boolean force) {
        return update(name, jar, force, null);
    }

    /**
     * Like {@link #update(String, Path, boolean)}, accepting error findings on purpose (see
     * {@link #register(String, Path, AcceptFindings)}).
     *
     * @param accept the findings to accept and why, or null to accept none
     */
    UploadResult update(String name, Path jar, boolean force, AcceptFindings accept);

    /** Like {@link #update(String, Path, boolean)}, from a URL snapshot. */
    default UploadResult updateFromUrl(String name, String url, String sha256, boolean force) {
        return updateFromUrl(name, url, sha256, force, null);
    }

    /**
     * Like {@link #updateFromUrl(String, String, String, boolean)}, accepting error findings on purpose
     * (see {@link #register(String, Path, AcceptFindings)}).
     *
     * @param accept the findings to accept and why, or null to accept none
     */
    UploadResult updateFromUrl(String name, String url, String sha256, boolean force, AcceptFindings accept);

    /**
     * Like {@link #register(String, Path, AcceptFindings)}, with JARs that travel with the connector (a
     * database driver, a dialect module, a client library): uploaded or downloaded by the registry, checked
     * for archive safety (they need no factories; one that declares Flink factories is refused with
     * {@code DEPENDENCY_HAS_FACTORIES}), put on the analysis worker's class path after the JAR, and
     * resolved and delivered with every job that uses the connector, in this order.
     *
     * @param dependencies the dependency JARs, in class-path order; empty for none
     * @throws RegistryProblemException {@code DEPENDENCY_UNSAFE}, {@code DUPLICATE_DEPENDENCY},
     *     {@code TOO_MANY_DEPENDENCIES}, {@code DEPENDENCIES_TOO_LARGE} or a URL problem for a dependency
     */
    UploadResult register(String name, Path jar, AcceptFindings accept, List<Dependency> dependencies);

    /**
     * Like {@link #update(String, Path, boolean, AcceptFindings)}, choosing the new version's dependency
     * JARs: those given; when none are given, the current version's are carried over, unless
     * {@code clearDependencies}. The same JAR with other dependencies is a new version.
     *
     * @param dependencies the new version's dependency JARs, in class-path order; empty to carry over or clear
     * @param clearDependencies with no dependencies given, true makes a version without any
     */
    UploadResult update(String name, Path jar, boolean force, AcceptFindings accept, List<Dependency> dependencies,
                        boolean clearDependencies);

    /**
     * A JAR to attach to a connector version as its dependency: a local file to upload, or a URL for the
     * registry to download once (under its URL policy, like a connector's URL).
     *
     * @param file the local JAR, or null for a URL
     * @param url the http(s) URL, or null for a file
     */
    record Dependency(Path file, String url) {

        /** Exactly one of file and URL. */
        public Dependency {
            if ((file == null) == (url == null)) {
                throw new IllegalArgumentException("A dependency is a file or a URL");
            }
        }

        /** A local JAR to upload. */
        public static Dependency file(Path file) {
            return new Dependency(file, null);
        }

        /** A URL the registry downloads. */
        public static Dependency url(String url) {
            return new Dependency(null, url);
        }

        /**
         * A file, or an {@code http://} / {@code https://} URL, as a command line names it.
         *
         * @param fileOrUrl a path or a URL
         */
        public static Dependency parse(String fileOrUrl) {
            String lower = fileOrUrl.toLowerCase(java.util.Locale.ROOT);
            return lower.startsWith("http://") || lower.startsWith("https://") ? url(fileOrUrl)
                    : file(Path.of(fileOrUrl));
        }
    }

    /** Lists connectors whose current version matches every non-null filter. */
    Page<ConnectorSummary> list(ListQuery query);

    /** A connector with its current version, factories and options. */
    Connector connector(String name);

    /** Every version of a connector, oldest first, without analyses. */
    List<Version> versions(String name);

    /** One version, with its analysis. */
    Version version(String name, int version);

    /** What changed between two versions. */
    VersionDiff diff(String name, int from, int to);

    /**
     * Makes an existing version current (a rollback, or a roll forward), unless that would break
     * jobs; the same as {@code setCurrent(name, version, false)}.
     *
     * @param name the connector
     * @param version the existing version to make current
     * @return the connector with its new current version
     * @throws ConflictException {@code BREAKING_CHANGE} (with the {@code diff}) when the move would
     *     break jobs at their next restart, as an update would
     */
    default Connector setCurrent(String name, int version) {
        return setCurrent(name, version, false);
    }

    /**
     * Makes an existing version current (a rollback, or a roll forward). The move is compared with
     * the current version like an update: one that drops an identifier, removes an option or adds a
     * required one would break jobs at their next restart, and is refused unless {@code force}.
     *
     * @param name the connector
     * @param version the existing version to make current
     * @param force move even when that breaks jobs
     * @return the connector with its new current version
     * @throws ConflictException {@code BREAKING_CHANGE} (with the {@code diff}) when the move would
     *     break jobs and {@code force} is false
     */
    Connector setCurrent(String name, int version, boolean force);

    /** Deletes a version that is neither current nor leased by a running job. */
    void deleteVersion(String name, int version);

    /** Deletes a connector none of whose versions is leased. */
    void deleteConnector(String name);

    /** Resolves identifiers and/or a SQL script to pinned versions, optionally leasing them for a job. */
    Resolution resolve(ResolveQuery query);

    /** Ends a job's leases. */
    void releaseLease(String jobId);

    /** Validates a {@code WITH (...)} option map (with {@code connector}, or {@code type} for a catalog). */
    Validation validateOptions(Map<String, String> options);

    /** Validates every {@code CREATE TABLE} and {@code CREATE CATALOG} of a SQL script. */
    Validation validateSql(String sql);

    /**
     * Explains a failed job's Flink error text or stack trace ("Could not find any factory for
     * identifier", "Multiple factories", "Unsupported options found", a missing class) from what the
     * workspace's registry knows: which connector version provides it, and the fix.
     *
     * @param errorText the error text, at most 256 KiB of UTF-8
     * @return the recognised problems; none (with a message) when nothing was recognised
     */
    Explanation explain(String errorText);

    /**
     * The JAR with this SHA-256 as a verified local file: from the cache, else downloaded (once,
     * even across processes), verified, and cached.
     */
    Path fetch(String sha256);

    @Override
    void close();

    /**
     * Filters for {@link #list(ListQuery)}; null fields are ignored.
     *
     * @param identifier offers this identifier
     * @param family has a factory in this family
     * @param capability has this capability ({@code source}, {@code sink}, {@code lookup}, …)
     * @param text appears in the name or an identifier
     * @param page page number from 0
     * @param size page size (1 to 200)
     */
    record ListQuery(String identifier, String family, String capability, String text, int page, int size) {

        /** Everything, first page of 20. */
        public static ListQuery all() {
            return new ListQuery(null, null, null, null, 0, 20);
        }

        /** This query, for connectors that offer this identifier. */
        public ListQuery withIdentifier(String value) {
            return new ListQuery(value, family, capability, text, page, size);
        }

        /** This query, for connectors that offer a factory of this family (e.g. {@code table-connector}). */
        public ListQuery withFamily(String value) {
            return new ListQuery(identifier, value, capability, text, page, size);
        }

        /** This query, for connectors with this capability (e.g. {@code source}, {@code lookup}). */
        public ListQuery withCapability(String value) {
            return new ListQuery(identifier, family, value, text, page, size);
        }

        /** This query, for connectors whose name or an identifier contains this text. */
        public ListQuery withText(String value) {
            return new ListQuery(identifier, family, capability, value, page, size);
        }

        /** This query, for page {@code value} (from 0) of {@code pageSize} connectors. */
        public ListQuery withPage(int value, int pageSize) {
            return new ListQuery(identifier, family, capability, text, value, pageSize);
        }
    }

    /**
     * Error findings to accept on purpose when registering or updating, because a team cannot rebuild
     * a third-party release. Only a workspace admin may; archive-safety, sandbox, no-loadable-factory
     * and built-in-identifier findings can never be accepted.
     *
     * @param codes finding codes, e.g. {@code FACTORY_FLINK_API_MISSING}
     * @param reason why (required; one line of at most 500 characters), recorded with the version and
     *     in the audit log
     */
    record AcceptFindings(List<String> codes, String reason) {

        /** Copies the codes. */
        public AcceptFindings {
            codes = List.copyOf(codes);
        }

        /** These codes, for this reason. */
        public static AcceptFindings of(String reason, String... codes) {
            return new AcceptFindings(List.of(codes), reason);
        }
    }

    /**
     * What to resolve.
     *
     * @param identifiers identifiers, each optionally with a family ({@code table-connector}, {@code format}, {@code catalog})
     * @param sql a Flink SQL script whose connectors, formats and catalog types are resolved
     * @param jobId when set, a lease keeps the resolved versions for this job
     * @param leaseSeconds the lease's length (null: the server's default)
     */
    record ResolveQuery(List<Wanted> identifiers, String sql, String jobId, Long leaseSeconds) {

        /** The identifiers a SQL script needs. */
        public static ResolveQuery sql(String script) {
            return new ResolveQuery(List.of(), script, null, null);
        }

        /** The identifiers a SQL scan found, each in its family (see {@code JobSubmission#requiredIdentifiers}). */
        public static ResolveQuery required(List<RequiredIdentifier> required) {
            return new ResolveQuery(required.stream().map(r -> new Wanted(r.identifier(), r.family().wireName())).toList(), null,
                    null, null);
        }

        /** These identifiers, in any family. */
        public static ResolveQuery identifiers(String... identifiers) {
            return new ResolveQuery(java.util.Arrays.stream(identifiers).map(i -> new Wanted(i, null)).toList(), null,
                    null, null);
        }

        /** The same query, leasing the versions for a job. */
        public ResolveQuery forJob(String job, Long seconds) {
            return new ResolveQuery(identifiers, sql, job, seconds);
        }

        /** One identifier, optionally in one family. */
        public record Wanted(String identifier, String family) {}
    }
}
