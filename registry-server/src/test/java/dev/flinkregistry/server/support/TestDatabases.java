package dev.flinkregistry.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the suites run on: an H2 file per test server, or a fresh schema in the real
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}). Where no PostgreSQL
 * is reachable the PostgreSQL suites are skipped, except on CI ({@code CI=true}), where they fail.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = System.getProperty("registry.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("registry.test.postgres.user", "postgres");

    private TestDatabases() {}

    /** Spring properties for the embedded default: nothing, the data directory decides. */
    public static Map<String, Object> h2() {
        return Map.of();
    }

    /** Spring properties for a new, empty PostgreSQL schema; skips (or, on CI, fails) without PostgreSQL. */
    public static Map<String, Object> freshPostgresSchema() {
        String schema = "fcr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is required on CI", unreachable);
            }
            Assumptions.abort("SKIPPED: no PostgreSQL reachable at " + POSTGRES_URL + " (" + unreachable.getMessage()
                    + "); the PostgreSQL suite runs where one is");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", POSTGRES_URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", POSTGRES_USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        return properties;
    }
}
