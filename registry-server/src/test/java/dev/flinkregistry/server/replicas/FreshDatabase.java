package dev.flinkregistry.server.replicas;

import dev.flinkregistry.server.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A new, empty PostgreSQL database of its own at 127.0.0.1:5432 (not a schema in {@code test}), so
 * that its replicas' NOTIFY channel and connections are theirs alone; dropped on {@link #close()}.
 * Skipped without PostgreSQL, except on CI ({@code CI=true}), where it fails.
 */
final class FreshDatabase implements AutoCloseable {

    private final String name = "fcr_replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url;

    FreshDatabase() {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + TestDatabases.POSTGRES_URL + " is required on CI",
                        unreachable);
            }
            Assumptions.abort("SKIPPED: no PostgreSQL reachable at " + TestDatabases.POSTGRES_URL + " ("
                    + unreachable.getMessage() + ")");
        }
        url = TestDatabases.POSTGRES_URL.replaceAll("/[^/?]+(\\?.*)?$", "/" + name);
    }

    /** Spring properties that point a server at this database. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", TestDatabases.POSTGRES_USER);
        properties.put("spring.datasource.password", "");
        return properties;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabases.POSTGRES_USER, "");
    }

    String name() {
        return name;
    }

    /** Lets new connections in, or refuses them (those already open stay), as an outage of the listener's would. */
    void allowConnections(boolean allowed) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("alter database " + name + " allow_connections " + allowed);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }
}
