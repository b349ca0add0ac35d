package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link BlobCollectionContract} on a fresh PostgreSQL schema (skipped without PostgreSQL, except on CI). */
class BlobCollectionOnPostgresTest extends BlobCollectionContract {

    @Override
    protected Map<String, Object> newDatabase() {
        return TestDatabases.freshPostgresSchema();
    }
}
