package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Upgrading a registry whose versions were stored before schema version 6: the migration counts
 * each stored version's warnings from its analysis, so the connectors list shows them at once.
 */
class WarningCountUpgradeTest {

    @Test
    void countsTheWarningsOfVersionsStoredBeforeTheUpgradeOnH2(@TempDir Path data) throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, TestDatabases.h2())) {
            registerTwo(registry, data);
            try (Connection connection = DatabaseAccess.throughServer(registry)) {
                downgradeToSchemaVersion5(connection);
            }
            registry.stop();
            registry.startAgain();
            assertCounted(registry);
        }
    }

    @Test
    void countsTheWarningsOfVersionsStoredBeforeTheUpgradeOnPostgres(@TempDir Path data) throws Exception {
        Map<String, Object> database = TestDatabases.freshPostgresSchema();
        try (RunningRegistry registry = RunningRegistry.start(data, database)) {
            registerTwo(registry, data);
            registry.stop();
            try (Connection connection = DatabaseAccess.postgres(database)) {
                downgradeToSchemaVersion5(connection);
            }
            registry.startAgain();
            assertCounted(registry);
        }
    }

    private static void registerTwo(RunningRegistry registry, Path data) {
        assertThat(registry.http().register("sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
        Path undeclared = JarVariants.withUndeclaredFactories(data.resolve("undeclared.jar"), TestJars.psvFormat(),
                TestJars.rowFileSink());
        assertThat(registry.http().register("with-undeclared", undeclared).status()).isEqualTo(201);
    }

    /**
     * The schema as version 5 left it: no warning counts (version 6), no blob claims (version 7), no
     * dependency JARs (version 8), and Flyway has applied none of them.
     */
    private static void downgradeToSchemaVersion5(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table dependency_class");
            statement.execute("drop table version_dependency");
            statement.execute("alter table connector_version drop constraint uk_version_content");
            statement.execute("alter table connector_version drop column dependencies_key");
            statement.execute("alter table connector_version add constraint uk_version_sha256 unique (connector_id, sha256)");
            statement.execute("drop table blob_claim");
            statement.execute("alter table connector_version drop column warning_count");
            assertThat(statement.executeUpdate(
                    "delete from \"flyway_schema_history\" where \"version\" in ('6', '7', '8')")).isEqualTo(3);
        }
    }

    private static void assertCounted(RunningRegistry registry) {
        JsonNode items = registry.http().get(DEFAULT + "/connectors").json().path("items");
        assertThat(items.size()).isEqualTo(2);
        JsonNode undeclared = items.get(1);
        long stored = registry.http().get(DEFAULT + "/connectors/with-undeclared/versions/1").json().path("analysis")
                .path("findings").valueStream().filter(f -> f.path("severity").asString().equals("WARNING")).count();
        assertThat(undeclared.path("name").asString()).isEqualTo("with-undeclared");
        assertThat(stored).isPositive();
        assertThat(undeclared.path("warnings").asLong()).isEqualTo(stored);
        assertThat(items.get(0).path("warnings").asInt()).isZero();
    }
}
