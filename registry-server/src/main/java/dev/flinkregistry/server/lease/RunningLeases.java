package dev.flinkregistry.server.lease;

import dev.flinkregistry.server.lease.RunningLease.LeasedVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The workspace's unexpired leases, one per job and principal that took it: one query for the page
 * and its total, one for the versions of the page's leases, whatever the page size.
 */
@Component
class RunningLeases {

    /** A lease's rows: unexpired, in the workspace, and (when asked) of a job that holds a version of the connector. */
    private static final String LEASES = " from lease l where l.workspace_id = :ws and l.expires_at > :now";
    private static final String OF_CONNECTOR = " and exists (select 1 from lease h join connector_version v "
            + "on v.id = h.version_id join connector c on c.id = v.connector_id where h.workspace_id = l.workspace_id "
            + "and h.job_id = l.job_id and h.expires_at > :now and c.name = :connector)";

    private final NamedParameterJdbcTemplate jdbc;

    RunningLeases(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    LeasePage find(long workspaceId, String connector, Instant now, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId)
                .addValue("now", at(now));
        String where = LEASES;
        if (connector != null) {
            where += OF_CONNECTOR;
            params.addValue("connector", connector);
        }
        String grouped = "select l.job_id, l.principal, max(l.expires_at) as expires_at" + where
                + " group by l.job_id, l.principal";
        Long total = jdbc.queryForObject("select count(*) from (" + grouped + ") leases", params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        Map<String, Map<String, Instant>> expiries = new LinkedHashMap<>();
        jdbc.query(grouped + " order by expires_at, l.job_id, l.principal limit :limit offset :offset", params, row -> {
            expiries.computeIfAbsent(row.getString(1), job -> new LinkedHashMap<>())
                    .put(row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant());
        });
        Map<List<String>, List<LeasedVersion>> versions = versionsOf(workspaceId, expiries.keySet(), now);
        List<RunningLease> items = new ArrayList<>();
        expiries.forEach((job, byPrincipal) -> byPrincipal.forEach((principal, expires) -> items.add(
                new RunningLease(job, principal, expires, versions.getOrDefault(List.of(job, principal), List.of())))));
        items.sort(Comparator.comparing(RunningLease::expiresAt).thenComparing(RunningLease::jobId)
                .thenComparing(RunningLease::principal));
        return new LeasePage(items, page, size, total == null ? 0 : total);
    }

    /** The versions each (job, principal) of the page holds, by connector name and number. */
    private Map<List<String>, List<LeasedVersion>> versionsOf(long workspaceId, Set<String> jobs, Instant now) {
        Map<List<String>, List<LeasedVersion>> versions = new LinkedHashMap<>();
        if (!jobs.isEmpty()) {
            jdbc.query("select l.job_id, l.principal, c.name, v.version from lease l join connector_version v "
                    + "on v.id = l.version_id join connector c on c.id = v.connector_id where l.workspace_id = :ws "
                    + "and l.expires_at > :now and l.job_id in (:jobs) order by c.name, v.version",
                    new MapSqlParameterSource("ws", workspaceId).addValue("now", at(now))
                            .addValue("jobs", jobs),
                    row -> {
                        versions.computeIfAbsent(List.of(row.getString(1), row.getString(2)), k -> new ArrayList<>())
                                .add(new LeasedVersion(row.getString(3), row.getInt(4)));
                    });
        }
        return versions;
    }

    /** Bound as a timestamp with time zone, which the columns are, on H2 and PostgreSQL alike. */
    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
