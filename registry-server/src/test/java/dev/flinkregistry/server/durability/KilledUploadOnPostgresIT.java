package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** {@link KilledUploadContract} on a fresh PostgreSQL schema (skipped without PostgreSQL, except on CI). */
class KilledUploadOnPostgresIT extends KilledUploadContract {

    @Override
    protected Map<String, Object> newDatabase() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    protected Connection connect(RunningRegistry registry, Map<String, Object> database) throws SQLException {
        return DatabaseAccess.postgres(database);
    }
}
