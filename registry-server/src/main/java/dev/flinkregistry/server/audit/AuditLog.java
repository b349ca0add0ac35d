package dev.flinkregistry.server.audit;

import dev.flinkregistry.server.security.Principals;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * DESIGN rule 11: writes one entry per change, in the caller's transaction, so that no change
 * commits without its entry and no entry without its change; and reads them back. An entry never
 * holds a secret: callers pass names, numbers and digests only.
 */
@Service
public class AuditLog {

    /** How a change ended. */
    public enum Outcome {
        /** The change was made. */
        SUCCESS,
        /** The request repeated an earlier change, and nothing was made (e.g. the same JAR again). */
        UNCHANGED,
        /** The registry refused the change (e.g. a breaking update, a taken identifier). */
        REFUSED,
        /** The caller was not allowed to make it. */
        DENIED,
        /** The server failed while making it; nothing was changed. */
        FAILED
    }

    private static final int MAX_DETAILS = 4000;

    private final NamedParameterJdbcTemplate jdbc;

    AuditLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a change made by the current caller, inside the transaction that makes it.
     *
     * @param action what was done, e.g. {@code connector.register}
     * @param workspace the workspace it was done in, or null for platform-wide changes
     * @param target what it was done to, e.g. {@code sequence/2}
     * @param details a few named values (no secrets), written as {@code key=value} pairs
     */
    public void record(String action, String workspace, String target, Outcome outcome, Map<String, ?> details) {
        recordAs(Principals.current().name(), action, workspace, target, outcome, details);
    }

    /** Records a change the registry made by itself (e.g. at its first start), as {@code principal}. */
    public void recordAs(String principal, String action, String workspace, String target, Outcome outcome,
                         Map<String, ?> details) {
        String text = details.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        jdbc.update("insert into audit_event (occurred_at, principal, address, workspace, action, target, outcome, "
                        + "details) values (:at, :principal, :address, :workspace, :action, :target, :outcome, :details)",
                new MapSqlParameterSource("at", Timestamp.from(Instant.now()))
                        .addValue("principal", truncate(principal, 256))
                        .addValue("address", truncate(Principals.address(), 64))
                        .addValue("workspace", workspace)
                        .addValue("action", action)
                        .addValue("target", truncate(target, 512))
                        .addValue("outcome", outcome.name())
                        .addValue("details", truncate(text, MAX_DETAILS)));
    }

    /** Entries newest first, filtered by whatever is given (nulls are ignored). */
    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("select id, occurred_at, principal, address, workspace, action, target, "
                + "outcome, details from audit_event where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> filters = new ArrayList<>();
        if (query.workspace() != null) {
            filters.add(" and workspace = :workspace");
            params.addValue("workspace", query.workspace());
        }
        if (query.connector() != null) {
            filters.add(" and (target = :connector or target like :connectorVersions escape '\\')");
            params.addValue("connector", query.connector());
            params.addValue("connectorVersions", query.connector().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "/%");
        }
        if (query.principal() != null) {
            filters.add(" and principal = :principal");
            params.addValue("principal", query.principal());
        }
        if (query.from() != null) {
            filters.add(" and occurred_at >= :from");
            params.addValue("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            filters.add(" and occurred_at < :to");
            params.addValue("to", Timestamp.from(query.to()));
        }
        filters.forEach(sql::append);
        sql.append(" order by occurred_at desc, id desc limit :limit offset :offset");
        params.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        return jdbc.query(sql.toString(), params, (row, i) -> new AuditEntry(row.getLong(1), row.getTimestamp(2).toInstant(),
                row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                Outcome.valueOf(row.getString(8)), row.getString(9)));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
