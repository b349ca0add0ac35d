package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.JarAnalysis;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the current versions offer, read straight from the database: the read model behind
 * resolve and validate, which cache it (see {@link ConnectorsChanged}).
 */
@Service
public class OfferQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;

    OfferQueries(NamedParameterJdbcTemplate jdbc, ConnectorVersionRepository versions, VersionRecorder recorder) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.recorder = recorder;
    }

    /**
     * What the current versions of the workspace's connectors offer for these identifiers. One
     * query, so no transaction around it: it is on every job submission's path.
     */
    public List<Offer> currentOffers(long workspaceId, Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select f.family, f.identifier, c.name, v.id, v.version, v.sha256, v.size_bytes "
                        + "from version_factory f join connector_version v on v.id = f.version_id "
                        + "join connector c on c.id = v.connector_id and c.current_version = v.version "
                        + "where c.workspace_id = :ws and f.identifier in (:identifiers) order by f.identifier, f.family",
                new MapSqlParameterSource("ws", workspaceId).addValue("identifiers", identifiers),
                (row, i) -> new Offer(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getInt(5), row.getString(6).strip(), row.getLong(7)));
    }

    /**
     * The stored analysis of these bytes for a Flink line, from any connector version that has them
     * in a workspace of that line; empty when none has (e.g. a JAR attached to a version).
     */
    public Optional<JarAnalysis> analysisOf(String sha256, String flinkVersion) {
        return jdbc.query("select v.analysis from connector_version v join connector c on c.id = v.connector_id "
                        + "join workspace w on w.id = c.workspace_id where v.sha256 = :sha256 and w.flink_version = :line",
                new MapSqlParameterSource("sha256", sha256).addValue("line", flinkVersion),
                (row, i) -> row.getString(1)).stream().findFirst().map(recorder::analysisOf);
    }

    /** The analysed factory behind an offer, from its version's analysis. */
    @Transactional(readOnly = true)
    public Optional<FactoryReport> factoryOf(Offer offer) {
        return versions.findById(offer.versionId()).stream()
                .flatMap(version -> recorder.analysisOf(version).loadedFactories().stream())
                .filter(f -> f.identifier().equals(offer.identifier()) && f.families().contains(offer.family()))
                .findFirst();
    }
}
