package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.JarAnalysis;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which registered versions (current or not) provide an identifier or a class: the read model
 * behind explaining a failed job. Read from the database on every question, so every replica
 * answers the same.
 */
@Service
public class ProviderQueries {

    private static final String SELECT = "select c.name, v.id, v.version, "
            + "case when c.current_version = v.version then 1 else 0 end, f.family, f.identifier, f.class_name, "
            + "v.sha256, v.size_bytes from version_factory f join connector_version v on v.id = f.version_id "
            + "join connector c on c.id = v.connector_id where c.workspace_id = :ws ";
    private static final String ORDER = " order by c.name, v.version desc, f.family";
    private static final RowMapper<ProvidedBy> ROW = (row, i) -> new ProvidedBy(row.getString(1), row.getLong(2),
            row.getInt(3), row.getInt(4) == 1, row.getString(5), row.getString(6), row.getString(7),
            row.getString(8).strip(), row.getLong(9));

    private final NamedParameterJdbcTemplate jdbc;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;

    ProviderQueries(NamedParameterJdbcTemplate jdbc, ConnectorVersionRepository versions, VersionRecorder recorder) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.recorder = recorder;
    }

    /** Every version of the workspace's connectors that declares the identifier, in any family, newest first. */
    public List<ProvidedBy> identifier(long workspaceId, String identifier) {
        return jdbc.query(SELECT + "and f.identifier = :identifier" + ORDER,
                new MapSqlParameterSource("ws", workspaceId).addValue("identifier", identifier), ROW);
    }

    /** Every version whose declared factory is this class, newest first. */
    public List<ProvidedBy> factoryClass(long workspaceId, String className) {
        return jdbc.query(SELECT + "and f.class_name = :className" + ORDER,
                new MapSqlParameterSource("ws", workspaceId).addValue("className", className), ROW);
    }

    /** Every identifier the workspace's versions declare, for suggesting what a mistyped one meant. */
    public List<String> identifiers(long workspaceId) {
        return jdbc.queryForList("select distinct f.identifier from version_factory f join connector_version v "
                        + "on v.id = f.version_id join connector c on c.id = v.connector_id where c.workspace_id = :ws",
                new MapSqlParameterSource("ws", workspaceId), String.class);
    }

    /** Every version of the workspace's connectors, newest first per connector (no family, identifier, class). */
    public List<ProvidedBy> versions(long workspaceId) {
        return jdbc.query("select c.name, v.id, v.version, case when c.current_version = v.version then 1 else 0 "
                        + "end, v.sha256, v.size_bytes from connector_version v join connector c on c.id = v.connector_id "
                        + "where c.workspace_id = :ws order by c.name, v.version desc",
                new MapSqlParameterSource("ws", workspaceId),
                (row, i) -> new ProvidedBy(row.getString(1), row.getLong(2), row.getInt(3), row.getInt(4) == 1,
                        null, null, null, row.getString(5).strip(), row.getLong(6)));
    }

    /**
     * The versions of the workspace's connectors that carry a dependency JAR holding the class (from the
     * index the dependency feature keeps, {@code dependency_class}), newest first per connector, at most
     * {@code max}.
     */
    public List<DependencyCarrier> dependencyHolding(long workspaceId, String className, int max) {
        return jdbc.query("select c.name, v.id, v.version, case when c.current_version = v.version then 1 else 0 "
                        + "end, v.sha256, v.size_bytes, d.file_name, d.sha256, d.size_bytes from dependency_class k "
                        + "join version_dependency d on d.sha256 = k.sha256 "
                        + "join connector_version v on v.id = d.version_id join connector c on c.id = v.connector_id "
                        + "where c.workspace_id = :ws and k.class_name = :className order by c.name, v.version desc",
                new MapSqlParameterSource("ws", workspaceId).addValue("className", className),
                (row, i) -> new DependencyCarrier(new ProvidedBy(row.getString(1), row.getLong(2), row.getInt(3),
                        row.getInt(4) == 1, null, null, className, row.getString(5).strip(), row.getLong(6)),
                        row.getString(7), row.getString(8).strip(), row.getLong(9)))
                .stream().limit(max).toList();
    }

    /** The stored analysis of a version, if it still exists. */
    @Transactional(readOnly = true)
    public Optional<JarAnalysis> analysis(long versionId) {
        return versions.findById(versionId).map(recorder::analysisOf);
    }
}
