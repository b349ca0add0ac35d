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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.type.TypeReference;

/**
 * A {@link RegistryClient} over HTTP, with failover across server addresses, retries of transient
 * failures, and a verified local JAR cache. Thread-safe; create one per workspace and reuse it.
 */
public final class HttpRegistryClient implements RegistryClient {

    private final Transport transport;
    private final JarDownload downloads;
    private final String workspace;
    private final WorkspaceRequests requests;
    private final JarCache cache;
    private final RegistryAdministration administration;

    private HttpRegistryClient(Transport transport, String workspace, JarCache cache, UploadProgress progress) {
        this.transport = transport;
        this.downloads = new JarDownload(transport);
        this.workspace = workspace;
        this.requests = new WorkspaceRequests(workspace, progress);
        this.cache = cache;
        this.administration = new RegistryAdministration(transport);
    }

    /** Configures an {@link HttpRegistryClient}. */
    public static final class Builder {
        private final List<URI> servers = new ArrayList<>();
        private String workspace = "default";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private RetryPolicy retry = RetryPolicy.defaults();
        private TokenSource tokens;
        private Path cacheDirectory = JarCache.defaultDirectory();
        private UploadProgress progress;

        /** A builder with the defaults; {@link RegistryClient#builder()} gives one too. */
        public Builder() {
            // Every setting has a default; at least one server must be added.
        }

        /** A server address such as {@code http://registry:8080}; several give failover, tried in order. */
        public Builder server(String url) {
            servers.add(URI.create(url.replaceAll("/+$", "")));
            return this;
        }

        /** Several server addresses, comma-separated or as a list. */
        public Builder servers(List<String> urls) {
            urls.forEach(this::server);
            return this;
        }

        /** The workspace to work in (default: {@code default}). */
        public Builder workspace(String name) {
            this.workspace = Objects.requireNonNull(name);
            return this;
        }

        /** How long to wait for a connection to a server before trying the next. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long one request may take (uploads and downloads of large JARs included). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How transient failures are retried (default: {@link RetryPolicy#defaults()}). */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * A bearer token sent with every request: a registry API token ({@code fcr_…}) or an access
         * token of the OpenID Connect provider the registry trusts. Null sends none.
         */
        public Builder token(String bearerToken) {
            this.tokens = bearerToken == null ? null : TokenSource.of(bearerToken);
            return this;
        }

        /**
         * Signs in with OAuth 2 client credentials: access tokens are fetched from the provider's token
         * endpoint when first needed, and renewed before they expire (see {@link ClientCredentials}).
         */
        public Builder clientCredentials(URI tokenEndpoint, String clientId, String clientSecret, String... scopes) {
            return tokenSource(ClientCredentials.builder(tokenEndpoint, clientId, clientSecret).scopes(scopes).build());
        }

        /**
         * Like {@link #clientCredentials(URI, String, String, String...)}, with the token endpoint read
         * from an OpenID Connect issuer's discovery document ({@code <issuer>/.well-known/openid-configuration}).
         */
        public Builder clientCredentialsFromIssuer(URI issuer, String clientId, String clientSecret,
                                                   String... scopes) {
            return tokenSource(ClientCredentials.fromIssuer(issuer, clientId, clientSecret).scopes(scopes).build());
        }

        /** Where bearer tokens come from, e.g. a configured {@link ClientCredentials}; null sends none. */
        public Builder tokenSource(TokenSource source) {
            this.tokens = source;
            return this;
        }

        /** Where downloaded JARs are cached (default: {@link JarCache#defaultDirectory()}). */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Told how much of each upload has been sent. */
        public Builder uploadProgress(UploadProgress listener) {
            this.progress = listener;
            return this;
        }

        /** A client with this configuration. */
        public HttpRegistryClient build() {
            return new HttpRegistryClient(new Transport(servers, connectTimeout, requestTimeout, retry, tokens), workspace,
                    new JarCache(cacheDirectory), progress);
        }
    }

    @Override
    public String workspace() {
        return workspace;
    }

    /**
     * Tokens, the audit log and checks of the stored JARs: the registry beyond this workspace, over
     * the same servers and token.
     */
    public RegistryAdministration administration() {
        return administration;
    }

    @Override
    public Identity whoami() {
        return administration.whoami();
    }

    /** The local JAR cache this client fetches into. */
    public JarCache cache() {
        return cache;
    }

    @Override
    public Analysis analyze(Path jar, String flinkVersion) {
        StringBuilder path = new StringBuilder("/analysis?fileName=" + encode(fileName(jar)));
        WorkspaceRequests.appendParameter(path, "flinkVersion", flinkVersion);
        return transport.json(server -> requests.upload(server, path.toString(), jar), Analysis.class);
    }

    @Override
    public Analysis analyzeFromUrl(String url, String sha256, String flinkVersion) {
        String path = flinkVersion == null ? "/analysis" : "/analysis?flinkVersion=" + encode(flinkVersion);
        return transport.json(server -> requests.postJson(server, path, WorkspaceRequests.urlBody(null, url, sha256)),
                Analysis.class);
    }

    @Override
    public UploadResult register(String name, Path jar, AcceptFindings accept) {
        StringBuilder path = new StringBuilder("/connectors?name=" + encode(name) + "&fileName=" + encode(fileName(jar)));
        WorkspaceRequests.appendAcceptance(path, accept);
        return transport.json(server -> requests.upload(server, path.toString(), jar), UploadResult.class);
    }

    @Override
    public UploadResult register(String name, Path jar, AcceptFindings accept, List<Dependency> dependencies) {
        if (dependencies.isEmpty()) {
            return register(name, jar, accept);
        }
        StringBuilder path = new StringBuilder("/connectors?name=" + encode(name));
        WorkspaceRequests.appendAcceptance(path, accept);
        return transport.json(server -> requests.uploadWithDependencies(server, path.toString(), jar, dependencies),
                UploadResult.class);
    }

    @Override
    public UploadResult update(String name, Path jar, boolean force, AcceptFindings accept,
                               List<Dependency> dependencies, boolean clearDependencies) {
        if (dependencies.isEmpty() && !clearDependencies) {
            return update(name, jar, force, accept);
        }
        StringBuilder path = new StringBuilder("/connectors/" + encode(name) + "/versions?force=" + force
                + "&clearDependencies=" + clearDependencies);
        WorkspaceRequests.appendAcceptance(path, accept);
        return transport.json(server -> requests.uploadWithDependencies(server, path.toString(), jar, dependencies),
                UploadResult.class);
    }

    @Override
    public UploadResult registerFromUrl(String name, String url, String sha256, AcceptFindings accept) {
        return transport.json(server -> requests.postJson(server, "/connectors",
                WorkspaceRequests.urlBody(name, url, sha256, accept)), UploadResult.class);
    }

    @Override
    public UploadResult update(String name, Path jar, boolean force, AcceptFindings accept) {
        StringBuilder path = new StringBuilder("/connectors/" + encode(name) + "/versions?force=" + force + "&fileName="
                + encode(fileName(jar)));
        WorkspaceRequests.appendAcceptance(path, accept);
        return transport.json(server -> requests.upload(server, path.toString(), jar), UploadResult.class);
    }

    @Override
    public UploadResult updateFromUrl(String name, String url, String sha256, boolean force, AcceptFindings accept) {
        return transport.json(server -> requests.postJson(server, "/connectors/" + encode(name) + "/versions?force="
                + force, WorkspaceRequests.urlBody(null, url, sha256, accept)), UploadResult.class);
    }

    @Override
    public Page<ConnectorSummary> list(ListQuery query) {
        StringBuilder path = new StringBuilder("/connectors?page=" + query.page() + "&size=" + query.size());
        WorkspaceRequests.appendParameter(path, "identifier", query.identifier());
        WorkspaceRequests.appendParameter(path, "family", query.family());
        WorkspaceRequests.appendParameter(path, "capability", query.capability());
        WorkspaceRequests.appendParameter(path, "q", query.text());
        return transport.json(server -> requests.get(server, path.toString()),
                new TypeReference<Page<ConnectorSummary>>() { });
    }

    @Override
    public Connector connector(String name) {
        return transport.json(server -> requests.get(server, "/connectors/" + encode(name)), Connector.class);
    }

    @Override
    public List<Version> versions(String name) {
        return transport.json(server -> requests.get(server, "/connectors/" + encode(name) + "/versions"),
                new TypeReference<List<Version>>() { });
    }

    @Override
    public Version version(String name, int version) {
        return transport.json(server -> requests.get(server, "/connectors/" + encode(name) + "/versions/" + version),
                Version.class);
    }

    @Override
    public VersionDiff diff(String name, int from, int to) {
        return transport.json(server -> requests.get(server, "/connectors/" + encode(name) + "/diff?from=" + from
                + "&to=" + to), VersionDiff.class);
    }

    @Override
    public Connector setCurrent(String name, int version, boolean force) {
        // Without force, the body older servers understand.
        Map<String, Object> body = force ? Map.of("version", version, "force", true) : Map.of("version", version);
        return transport.json(server -> requests.putJson(server, "/connectors/" + encode(name) + "/current", body),
                Connector.class);
    }

    @Override
    public void deleteVersion(String name, int version) {
        transport.exchange(server -> requests.request(server, "/connectors/" + encode(name) + "/versions/" + version)
                .DELETE());
    }

    @Override
    public void deleteConnector(String name) {
        transport.exchange(server -> requests.request(server, "/connectors/" + encode(name)).DELETE());
    }

    @Override
    public Resolution resolve(ResolveQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query.identifiers() != null && !query.identifiers().isEmpty()) {
            body.put("identifiers", query.identifiers());
        }
        body.put("sql", query.sql());
        body.put("jobId", query.jobId());
        body.put("leaseSeconds", query.leaseSeconds());
        return transport.json(server -> requests.postJson(server, "/resolve", body), Resolution.class);
    }

    /**
     * Renews every running lease the job holds, on exactly the versions it holds (the ones it was
     * pinned to, whatever is current by now), to end {@code leaseSeconds} from now.
     *
     * @param jobId the job whose lease to renew
     * @param leaseSeconds the new length, or null for the server's default
     * @return when the lease ends now
     * @throws NotFoundException with code {@code LEASE_NOT_FOUND} when the job holds no running lease
     */
    public java.time.Instant renewLease(String jobId, Long leaseSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leaseSeconds", leaseSeconds);
        Map<String, Object> renewed = transport.json(server -> requests.putJson(server, "/leases/" + encode(jobId), body),
                new TypeReference<Map<String, Object>>() {});
        return java.time.Instant.parse(String.valueOf(renewed.get("expiresAt")));
    }

    @Override
    public void releaseLease(String jobId) {
        transport.exchange(server -> requests.request(server, "/leases/" + encode(jobId)).DELETE());
    }

    @Override
    public Validation validateOptions(Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!options.containsKey("connector") && options.containsKey("type")) {
            // A catalog's options: the server validates a table's unless told the family.
            body.put("family", "catalog");
        }
        body.put("options", options);
        return transport.json(server -> requests.postJson(server, "/validate", body), Validation.class);
    }

    @Override
    public Validation validateSql(String sql) {
        return transport.json(server -> requests.postJson(server, "/validate", Map.of("sql", sql)), Validation.class);
    }

    @Override
    public Explanation explain(String errorText) {
        return transport.json(server -> requests.postJson(server, "/explain", Map.of("error", errorText)),
                Explanation.class);
    }

    @Override
    public Path fetch(String sha256) {
        try {
            return cache.fetch(sha256, file -> downloads.into(server -> requests.uri(server, "/jars/" + sha256), file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not cache the JAR " + sha256, e);
        }
    }

    /**
     * Downloads a pinned JAR from its immutable URL into {@code file}, bypassing the cache, and
     * checks its SHA-256: the file is written only when the bytes match, and nothing is left behind
     * when they do not. The token goes only to a server this client was given (the URL's origin).
     *
     * @param url the pinned download URL, e.g. from {@link Resolution.Jar#url()}
     * @param sha256 the digest the bytes must have (lower-case hex)
     * @param file where to put the verified JAR; replaced atomically
     * @throws JarDigestMismatchException when the bytes that arrived have another SHA-256
     */
    public void download(URI url, String sha256, Path file) {
        Path partial = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            String actual = downloads.into(server -> url, partial);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new JarDigestMismatchException(file.getFileName().toString(), url, sha256, actual);
            }
            java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not download " + url, e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Only a leftover of a failed attempt; the caller sees the failure itself.
            }
        }
    }

    /**
     * The Kubernetes delivery of what a job needs, as the registry generates it ({@code POST
     * …/kubernetes}): YAML to apply, a merge patch, or a Kustomize file, depending on {@code options}.
     *
     * @param query what the job needs, optionally with the job id to lease for
     * @param options the resource kind, name, output form and the rest; null values take the server's defaults
     */
    public String kubernetes(ResolveQuery query, Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query.identifiers() != null && !query.identifiers().isEmpty()) {
            body.put("identifiers", query.identifiers());
        }
        body.put("sql", query.sql());
        body.put("jobId", query.jobId());
        body.put("leaseSeconds", query.leaseSeconds());
        options.forEach((key, value) -> {
            if (value != null) {
                body.put(key, value);
            }
        });
        byte[] answer = transport.exchange(server -> requests.postJson(server, "/kubernetes", body)
                .header("Accept", "application/yaml, application/problem+json"));
        return new String(answer, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient releases its resources when it is no longer referenced.
    }

    private static String fileName(Path jar) {
        return jar.getFileName().toString();
    }

    private static String encode(String value) {
        return WorkspaceRequests.encode(value);
    }
}
