package dev.flinkregistry.server.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schema version 6: each version keeps how many warnings its analysis found, so the connectors list
 * reads a column instead of parsing every listed version's analysis. Versions registered before it
 * get theirs counted from their stored analysis, here, once (the schema is the same on H2 and
 * PostgreSQL; only counting needs Java).
 */
@Component
class WarningCountMigration implements JavaMigration {

    private static final int BATCH = 100;
    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6");
    }

    @Override
    public String getDescription() {
        return "warning counts";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table connector_version add column warning_count integer");
        }
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select id, analysis from connector_version");
             PreparedStatement update = connection.prepareStatement(
                     "update connector_version set warning_count = ? where id = ?")) {
            int pending = 0;
            while (rows.next()) {
                update.setInt(1, warnings(rows.getString(2)));
                update.setLong(2, rows.getLong(1));
                update.addBatch();
                if (++pending == BATCH) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table connector_version alter column warning_count set not null");
        }
    }

    /** The warning findings of a stored analysis, as {@link VersionRecorder} counts them for new versions. */
    private int warnings(String analysis) {
        int count = 0;
        for (JsonNode finding : json.readTree(analysis).path("findings")) {
            if ("WARNING".equals(finding.path("severity").asString(""))) {
                count++;
            }
        }
        return count;
    }
}
