package dev.flinkregistry.client;

import dev.flinkregistry.client.model.ApiToken;
import dev.flinkregistry.client.model.AuditEntry;
import dev.flinkregistry.client.model.CreatedToken;
import dev.flinkregistry.client.model.Identity;
import dev.flinkregistry.client.model.Member;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.RunningLease;
import dev.flinkregistry.client.model.ScrubResult;
import dev.flinkregistry.client.model.Workspace;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.type.TypeReference;

/**
 * The registry beyond one workspace's connectors: who the caller is, API tokens, workspace members,
 * the audit log, and checking the stored JARs. Reached with {@link HttpRegistryClient#administration()}, over the same
 * servers, retries and token; thread-safe. What each call needs is the role {@code openapi.yaml}
 * names: any signed-in caller manages its own tokens, a workspace's admins its tokens and audit log,
 * platform administrators everything. A caller without the role gets {@link AccessDeniedException}.
 */
public final class RegistryAdministration {

    private final Transport transport;

    RegistryAdministration(Transport transport) {
        this.transport = transport;
    }

    /** Who the registry takes the caller for, and its role in each workspace. */
    public Identity whoami() {
        return transport.json(server -> get(server, "/api/v1/whoami"), Identity.class);
    }

    /**
     * Creates an API token. Its role is at most the caller's own in the workspace; a platform-wide
     * token only a platform administrator can create. The answer holds the secret, which is never
     * shown again.
     */
    public CreatedToken createToken(TokenRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.name());
        if (request.workspace() != null) {
            body.put("workspace", request.workspace());
        }
        body.put("role", request.role());
        if (request.expiresInDays() != null) {
            body.put("expiresInDays", request.expiresInDays());
        }
        return transport.json(server -> HttpRequest.newBuilder(uri(server, "/api/v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))), CreatedToken.class);
    }

    /**
     * The tokens the caller created, and every token of the workspaces it administers (all of
     * them for a platform administrator), oldest first; never a secret.
     */
    public List<ApiToken> tokens() {
        return transport.json(server -> get(server, "/api/v1/tokens"), new TypeReference<List<ApiToken>>() { });
    }

    /** Revokes a token the caller created or whose workspace it administers; requests with it are refused from now on. */
    public ApiToken revokeToken(long id) {
        return transport.json(server -> HttpRequest.newBuilder(uri(server, "/api/v1/tokens/" + id)).DELETE(),
                ApiToken.class);
    }

    /** Every workspace, ordered by name (any signed-in caller). */
    public List<Workspace> workspaces() {
        return transport.json(server -> get(server, "/api/v1/workspaces"), new TypeReference<List<Workspace>>() { });
    }

    /**
     * Creates an empty workspace for a supported Flink engine line, which cannot change later
     * (platform administrators).
     *
     * @param flinkVersion e.g. {@code 1.20} or {@code 2.2}
     */
    public Workspace createWorkspace(String name, String flinkVersion) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("flinkVersion", flinkVersion);
        return transport.json(server -> HttpRequest.newBuilder(uri(server, "/api/v1/workspaces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))), Workspace.class);
    }

    /**
     * The workspace's running leases (any role in it), soonest to end first; with {@code connector},
     * only those holding one of its versions.
     */
    public Page<RunningLease> leases(String workspace, String connector, int page, int size) {
        String path = "/api/v1/workspaces/" + WorkspaceRequests.encode(Objects.requireNonNull(workspace)) + "/leases?page="
                + page + "&size=" + size + (connector == null ? "" : "&connector=" + WorkspaceRequests.encode(connector));
        return transport.json(server -> get(server, path), new TypeReference<Page<RunningLease>>() { });
    }

    /** The people an admin gave a role in the workspace (the workspace's admins). */
    public List<Member> members(String workspace) {
        return transport.json(server -> get(server, membersPath(workspace, null)), new TypeReference<List<Member>>() { });
    }

    /**
     * Gives a person (by their name at the identity provider) a role in the workspace, replacing the
     * one they had (the workspace's admins).
     */
    public Member grantRole(String workspace, String principal, String role) {
        return transport.json(server -> HttpRequest.newBuilder(uri(server, membersPath(workspace, principal)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("role", role)))),
                Member.class);
    }

    /** Takes a person's role in the workspace away; nothing happens when they had none (the workspace's admins). */
    public void revokeRole(String workspace, String principal) {
        transport.exchange(server -> HttpRequest.newBuilder(uri(server, membersPath(workspace, principal))).DELETE());
    }

    /** One workspace's audit log, newest first (the workspace's admins). */
    public List<AuditEntry> audit(String workspace, AuditQuery query) {
        return auditAt("/api/v1/workspaces/" + WorkspaceRequests.encode(Objects.requireNonNull(workspace)) + "/audit",
                query);
    }

    /** The whole audit log, every workspace's and the platform-wide changes, newest first (platform administrators). */
    public List<AuditEntry> auditEverywhere(AuditQuery query) {
        return auditAt("/api/v1/audit", query);
    }

    /**
     * Hashes every stored JAR again now and answers which no longer match their digest (platform
     * administrators). A run already under way is waited for.
     */
    public ScrubResult scrub() {
        return transport.json(server -> HttpRequest.newBuilder(uri(server, "/api/v1/admin/scrub"))
                .POST(HttpRequest.BodyPublishers.noBody()), ScrubResult.class);
    }

    private List<AuditEntry> auditAt(String path, AuditQuery query) {
        StringBuilder url = new StringBuilder(path + "?page=" + query.page() + "&size=" + query.size());
        WorkspaceRequests.appendParameter(url, "connector", query.connector());
        WorkspaceRequests.appendParameter(url, "principal", query.principal());
        WorkspaceRequests.appendParameter(url, "from", query.from() == null ? null : query.from().toString());
        WorkspaceRequests.appendParameter(url, "to", query.to() == null ? null : query.to().toString());
        return transport.json(server -> get(server, url.toString()), new TypeReference<List<AuditEntry>>() { });
    }

    private static String membersPath(String workspace, String principal) {
        return "/api/v1/workspaces/" + WorkspaceRequests.encode(Objects.requireNonNull(workspace)) + "/members"
                + (principal == null ? "" : "/" + WorkspaceRequests.encode(principal));
    }

    private static HttpRequest.Builder get(URI server, String path) {
        return HttpRequest.newBuilder(uri(server, path)).GET();
    }

    private static URI uri(URI server, String path) {
        return URI.create(server + path);
    }

    /**
     * An API token to create.
     *
     * @param name what it is for (letters, digits, {@code .}, {@code _}, {@code -}; up to 64);
     *     requests made with it are recorded as {@code token:<name>}
     * @param workspace its workspace; null for a platform-wide token
     * @param role {@code viewer}, {@code submitter}, {@code developer} or {@code admin}; {@code platform-admin}
     *     for a platform-wide token
     * @param expiresInDays days until it expires; null for the registry's default (90)
     */
    public record TokenRequest(String name, String workspace, String role, Integer expiresInDays) {

        /** A token with a role in one workspace, for the registry's default lifetime. */
        public static TokenRequest forWorkspace(String name, String workspace, String role) {
            return new TokenRequest(name, Objects.requireNonNull(workspace), role, null);
        }

        /** A platform administrator's token, valid in every workspace. */
        public static TokenRequest platformWide(String name) {
            return new TokenRequest(name, null, "platform-admin", null);
        }

        /** This request, for a token that expires after {@code days}. */
        public TokenRequest expiringInDays(int days) {
            return new TokenRequest(name, workspace, role, days);
        }
    }

    /**
     * Filters for the audit log; null fields are ignored.
     *
     * @param connector only entries about this connector and its versions
     * @param principal only entries of this principal, e.g. {@code alice} or {@code token:ci}
     * @param from only entries at or after this time
     * @param to only entries before this time
     * @param page page number from 0
     * @param size entries per page (1 to 500)
     */
    public record AuditQuery(String connector, String principal, Instant from, Instant to, int page, int size) {

        /** Every entry, newest first, the first page of 50. */
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, null, 0, 50);
        }

        /** This query, for entries about one connector. */
        public AuditQuery withConnector(String value) {
            return new AuditQuery(value, principal, from, to, page, size);
        }

        /** This query, for entries of one principal. */
        public AuditQuery withPrincipal(String value) {
            return new AuditQuery(connector, value, from, to, page, size);
        }

        /** This query, for entries at or after {@code start} and before {@code end} (either may be null). */
        public AuditQuery between(Instant start, Instant end) {
            return new AuditQuery(connector, principal, start, end, page, size);
        }

        /** This query, for page {@code value} (from 0) of {@code pageSize} entries. */
        public AuditQuery withPage(int value, int pageSize) {
            return new AuditQuery(connector, principal, from, to, value, pageSize);
        }
    }
}
