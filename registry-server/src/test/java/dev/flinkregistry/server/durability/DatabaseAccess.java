package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** JDBC access to a test server's database, beside the server, for checks HTTP cannot make. */
final class DatabaseAccess {

    private DatabaseAccess() {}

    /** H2: the server holds the database file's lock, so borrow a connection from its own pool. */
    static Connection throughServer(RunningRegistry registry) throws SQLException {
        return registry.bean(DataSource.class).getConnection();
    }

    /** PostgreSQL: a connection of its own to the server's schema, as another replica would open. */
    static Connection postgres(Map<String, Object> database) throws SQLException {
        return DriverManager.getConnection(String.valueOf(database.get("spring.datasource.url")),
                TestDatabases.POSTGRES_USER, "");
    }
}
