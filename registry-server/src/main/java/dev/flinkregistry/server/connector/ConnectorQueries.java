package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.ConnectorSummary;
import dev.flinkregistry.server.connector.Views.ConnectorView;
import dev.flinkregistry.server.connector.Views.FactorySummary;
import dev.flinkregistry.server.connector.Views.Page;
import dev.flinkregistry.server.connector.Views.VersionView;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Reads connectors and versions: show, list and search, versions, diff. */
@Service
public class ConnectorQueries {

    private final WorkspaceService workspaces;
    private final ConnectorRepository connectors;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;
    private final NamedParameterJdbcTemplate jdbc;
    private final OffersCache offers;

    ConnectorQueries(WorkspaceService workspaces, ConnectorRepository connectors, ConnectorVersionRepository versions,
                     VersionRecorder recorder, NamedParameterJdbcTemplate jdbc,
                     dev.flinkregistry.server.config.RegistryProperties properties) {
        this.workspaces = workspaces;
        this.connectors = connectors;
        this.versions = versions;
        this.recorder = recorder;
        this.jdbc = jdbc;
        this.offers = new OffersCache(properties.resolveCacheTtl());
    }

    /**
     * Forgets cached resolve answers when the current transaction commits, or at once outside a
     * transaction; every write path calls it.
     */
    void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    offers.invalidate();
                }
            });
        } else {
            offers.invalidate();
        }
    }

    @Transactional(readOnly = true)
    public ConnectorView get(String workspace, String name) {
        Connector connector = connector(workspace, name);
        VersionView current = connector.currentVersion() == null ? null
                : view(workspace, connector, version(connector, connector.currentVersion()), true);
        return new ConnectorView(workspace, name, connector.currentVersion(), versions.countByConnectorId(connector.id()),
                connector.createdAt(), connector.updatedAt(), current);
    }

    @Transactional(readOnly = true)
    public VersionView version(String workspace, String name, int number) {
        Connector connector = connector(workspace, name);
        return view(workspace, connector, version(connector, number), true);
    }

    /** One version without its analysis, which a download does not need. */
    @Transactional(readOnly = true)
    public VersionView versionWithoutAnalysis(String workspace, String name, int number) {
        Connector connector = connector(workspace, name);
        return view(workspace, connector, version(connector, number), false);
    }

    /** Every version, oldest first, without their analyses. */
    @Transactional(readOnly = true)
    public List<VersionView> versions(String workspace, String name) {
        Connector connector = connector(workspace, name);
        return versions.findByConnectorIdOrderByVersionAsc(connector.id()).stream()
                .map(v -> view(workspace, connector, v, false)).toList();
    }

    @Transactional(readOnly = true)
    public VersionDiff diff(String workspace, String name, int from, int to) {
        Connector connector = connector(workspace, name);
        return CompatibilityCheck.diff(from, recorder.analysisOf(version(connector, from)), to,
                recorder.analysisOf(version(connector, to)));
    }

    /** The version whose bytes have this digest, in this workspace. */
    @Transactional(readOnly = true)
    public VersionView versionBySha256(String workspace, String sha256) {
        List<Object[]> found = versions.findWithConnectorBySha256(workspaces.get(workspace).id(), sha256);
        if (found.isEmpty()) {
            throw new VersionNotFoundException(sha256);
        }
        return view(workspace, (Connector) found.get(0)[0], (ConnectorVersion) found.get(0)[1], false);
    }

    /**
     * Connectors whose current version matches every given filter (null filters are ignored):
     * offers the identifier, a factory in the family, the capability, or the text in its name or an identifier.
     */
    @Transactional(readOnly = true)
    public Page<ConnectorSummary> list(String workspace, String identifier, String family, String capability,
                                       String text, int page, int size) {
        WorkspaceInfo ws = workspaces.get(workspace);
        MapSqlParameterSource params = new MapSqlParameterSource("ws", ws.id());
        StringBuilder where = new StringBuilder(" from connector c join connector_version v on v.connector_id = c.id "
                + "and v.version = c.current_version where c.workspace_id = :ws");
        if (identifier != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and f.identifier = :identifier)");
            params.addValue("identifier", identifier);
        }
        if (family != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and f.family = :family)");
            params.addValue("family", family);
        }
        if (capability != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and "
                    + "(',' || f.capabilities || ',') like :capability escape '\\')");
            params.addValue("capability", "%," + literal(capability) + ",%");
        }
        if (text != null) {
            where.append(" and (lower(c.name) like :text escape '\\' or exists (select 1 from version_factory f where "
                    + "f.version_id = v.id and lower(f.identifier) like :text escape '\\'))");
            params.addValue("text", "%" + literal(text.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        Long total = jdbc.queryForObject("select count(*)" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Map<String, Object>> rows = jdbc.queryForList("select c.name, c.current_version, c.updated_at, v.id as vid"
                + where + " order by c.name limit :limit offset :offset", params);
        Map<Long, List<FactorySummary>> factories = factoriesOf(rows.stream().map(r -> ((Number) r.get("vid")).longValue()).toList());
        List<ConnectorSummary> items = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            items.add(new ConnectorSummary((String) row.get("name"), ((Number) row.get("current_version")).intValue(),
                    toInstant(row.get("updated_at")), factories.getOrDefault(((Number) row.get("vid")).longValue(), List.of())));
        }
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** The text as a LIKE pattern that matches only itself: wildcards escaped. */
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Map<Long, List<FactorySummary>> factoriesOf(List<Long> versionIds) {
        Map<Long, Map<String, Set<String>[]>> grouped = new LinkedHashMap<>();
        if (!versionIds.isEmpty()) {
            jdbc.query("select version_id, identifier, family, capabilities from version_factory where version_id in (:ids) "
                    + "order by identifier, family", new MapSqlParameterSource("ids", versionIds), row -> {
                        @SuppressWarnings("unchecked")
                        Set<String>[] sets = grouped.computeIfAbsent(row.getLong(1), k -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getString(2), k -> new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>()});
                        sets[0].add(row.getString(3));
                        sets[1].addAll(Arrays.asList(row.getString(4).split(",")));
                    });
        }
        Map<Long, List<FactorySummary>> result = new LinkedHashMap<>();
        grouped.forEach((versionId, byIdentifier) -> result.put(versionId, byIdentifier.entrySet().stream()
                .map(e -> new FactorySummary(e.getKey(), List.copyOf(e.getValue()[0]),
                        e.getValue()[1].stream().filter(c -> !c.isEmpty()).toList()))
                .toList()));
        return result;
    }

    /**
     * One identifier a connector's current version offers, with the pinned bytes.
     *
     * @param versionId the version's database id, for leases
     */
    public record Offer(String family, String identifier, String connector, long versionId, int version,
                        String sha256, long size) {}

    /**
     * What the current versions of the workspace's connectors offer for these identifiers. One
     * query, so no transaction around it: it is on every job submission's path.
     */
    public List<Offer> currentOffers(long workspaceId, java.util.Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return offers.get(workspaceId, identifiers, () -> queryOffers(workspaceId, identifiers));
    }

    private List<Offer> queryOffers(long workspaceId, java.util.Collection<String> identifiers) {
        return jdbc.query("select f.family, f.identifier, c.name, v.id, v.version, v.sha256, v.size_bytes "
                        + "from version_factory f join connector_version v on v.id = f.version_id "
                        + "join connector c on c.id = v.connector_id and c.current_version = v.version "
                        + "where c.workspace_id = :ws and f.identifier in (:identifiers) order by f.identifier, f.family",
                new MapSqlParameterSource("ws", workspaceId).addValue("identifiers", identifiers),
                (row, i) -> new Offer(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getInt(5), row.getString(6).strip(), row.getLong(7)));
    }

    /** The factory a connector's current version offers for (family, identifier), from its analysis. */
    @Transactional(readOnly = true)
    public java.util.Optional<dev.flinkregistry.analyzer.FactoryReport> currentFactory(long workspaceId, String family,
                                                                                   String identifier) {
        List<Offer> offers = currentOffers(workspaceId, List.of(identifier)).stream()
                .filter(o -> o.family().equals(family)).toList();
        if (offers.isEmpty()) {
            return java.util.Optional.empty();
        }
        ConnectorVersion version = versions.findById(offers.get(0).versionId()).orElseThrow();
        return recorder.analysisOf(version).loadedFactories().stream()
                .filter(f -> f.identifier().equals(identifier) && f.families().contains(family)).findFirst();
    }

    String nameOf(long connectorId) {
        return connectors.findById(connectorId).map(Connector::name).orElse("?");
    }

    Connector connector(String workspace, String name) {
        WorkspaceInfo ws = workspaces.get(workspace);
        return connectors.findByWorkspaceIdAndName(ws.id(), name)
                .orElseThrow(() -> new ConnectorNotFoundException(workspace, name));
    }

    ConnectorVersion version(Connector connector, int number) {
        return versions.findByConnectorIdAndVersion(connector.id(), number)
                .orElseThrow(() -> new VersionNotFoundException(connector.name(), number));
    }

    private VersionView view(String workspace, Connector connector, ConnectorVersion version, boolean withAnalysis) {
        return new VersionView(workspace, connector.name(), version.version(), version.sha256(), version.sizeBytes(),
                version.fileName(), version.sourceType(), version.sourceUrl(), version.createdBy(), version.createdAt(),
                Integer.valueOf(version.version()).equals(connector.currentVersion()),
                VersionView.downloadPathOf(workspace, version.sha256()),
                withAnalysis ? recorder.analysisOf(version) : null);
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof java.time.Instant instant ? instant : null;
    }
}
