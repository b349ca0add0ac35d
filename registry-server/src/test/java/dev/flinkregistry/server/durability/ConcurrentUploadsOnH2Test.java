package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** {@link ConcurrentUploadsContract} on the embedded H2 database file. */
class ConcurrentUploadsOnH2Test extends ConcurrentUploadsContract {

    @Override
    protected Map<String, Object> newDatabase() {
        return TestDatabases.h2();
    }

    @Override
    protected Connection connect(RunningRegistry registry, Map<String, Object> database) throws SQLException {
        return DatabaseAccess.throughServer(registry);
    }
}
