package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** {@link ConcurrentUploadsContract} on PostgreSQL with the bytes in an S3-compatible store (S3Proxy). */
class ConcurrentUploadsOnS3Test extends ConcurrentUploadsContract {

    @Override
    protected Map<String, Object> newDatabase() {
        return TestStores.s3(TestDatabases.freshPostgresSchema());
    }

    @Override
    protected Connection connect(RunningRegistry registry, Map<String, Object> database) throws SQLException {
        return DatabaseAccess.postgres(database);
    }
}
