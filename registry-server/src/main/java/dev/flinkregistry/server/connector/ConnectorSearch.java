package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.ConnectorSummary;
import dev.flinkregistry.server.connector.Views.FactorySummary;
import dev.flinkregistry.server.connector.Views.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The connectors list: one SQL query over current versions, built from the filters given (each a
 * bound parameter; text filters match literally, wildcards escaped), and one for their factories.
 */
@Component
class ConnectorSearch {

    private final NamedParameterJdbcTemplate jdbc;

    ConnectorSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page<ConnectorSummary> find(long workspaceId, String identifier, String family, String capability, String text,
                                int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId);
        String where = where(identifier, family, capability, text, params);
        Long total = jdbc.queryForObject("select count(*)" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Map<String, Object>> rows = jdbc.queryForList("select c.name, c.current_version, c.updated_at, v.id as vid, "
                + "v.created_by, v.warning_count"
                + where + " order by c.name limit :limit offset :offset", params);
        Map<Long, List<FactorySummary>> factories = factoriesOf(rows.stream().map(ConnectorSearch::versionId).toList());
        List<ConnectorSummary> items = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            items.add(new ConnectorSummary((String) row.get("name"), ((Number) row.get("current_version")).intValue(),
                    toInstant(row.get("updated_at")), (String) row.get("created_by"),
                    ((Number) row.get("warning_count")).intValue(), factories.getOrDefault(versionId(row), List.of())));
        }
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** {@code format} finds decoding and encoding formats, as a table's 'format' option does; any other name itself. */
    private static java.util.List<String> familiesMatching(String family) {
        return dev.flinkregistry.model.Family.fromWireName(family)
                .map(asked -> java.util.Arrays.stream(dev.flinkregistry.model.Family.values()).filter(asked::satisfiedBy)
                        .map(dev.flinkregistry.model.Family::wireName).toList())
                .orElse(java.util.List.of(family));
    }

    private static String where(String identifier, String family, String capability, String text,
                                MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" from connector c join connector_version v on v.connector_id = c.id "
                + "and v.version = c.current_version where c.workspace_id = :ws");
        if (identifier != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and f.identifier = :identifier)");
            params.addValue("identifier", identifier);
        }
        if (family != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and f.family in (:family))");
            params.addValue("family", familiesMatching(family));
        }
        if (capability != null) {
            where.append(" and exists (select 1 from version_factory f where f.version_id = v.id and "
                    + "(',' || f.capabilities || ',') like :capability escape '\\')");
            params.addValue("capability", "%," + literal(capability) + ",%");
        }
        if (text != null) {
            where.append(" and (lower(c.name) like :text escape '\\' or exists (select 1 from version_factory f where "
                    + "f.version_id = v.id and lower(f.identifier) like :text escape '\\'))");
            params.addValue("text", "%" + literal(text.toLowerCase(Locale.ROOT)) + "%");
        }
        return where.toString();
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

    private static long versionId(Map<String, Object> row) {
        return ((Number) row.get("vid")).longValue();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }
}
