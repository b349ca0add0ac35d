package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.Dependency;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.testsupport.FlinkSql;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's proof on a real third-party connector and a real external system: a Flink 1.20 SQL job
 * reads from and writes to the running PostgreSQL through Apache Flink's JDBC connector 3.3
 * ({@code flink-connector-jdbc-core}), whose PostgreSQL dialect module and the PostgreSQL driver are
 * attached to the connector version as dependencies. The job's class path gets all three JARs only
 * through the registry and the client's resolve-and-fetch (pinned, SHA-256-verified, cached): this
 * JVM's class path has none of them (surefire's {@code without-jdbc-driver} execution leaves the
 * driver off; the connector and dialect were never on it). PostgreSQL itself is prepared and read
 * with {@code psql}.
 */
@Tag("without-jdbc-driver")
class JdbcPostgresThroughRegistryTest {

    private static final String DATABASE = "fcr_jdbc_e2e";
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

    @TempDir
    static Path temp;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    @BeforeAll
    static void createDatabase() throws Exception {
        psql("test", "DROP DATABASE IF EXISTS " + DATABASE);
        psql("test", "CREATE DATABASE " + DATABASE);
        psql(DATABASE, "CREATE TABLE orders (id INT PRIMARY KEY, customer TEXT NOT NULL, amount NUMERIC(10,2));"
                + "INSERT INTO orders VALUES (1, 'ada', 12.50), (2, 'grace', 7.25), (3, 'ada', 30.00);"
                + "CREATE TABLE totals (customer TEXT PRIMARY KEY, total NUMERIC(10,2), orders BIGINT);");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        psql("test", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static Path jar(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(TestJars.directory().resolve("jdbc"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("the build copies " + prefix + "*.jar to test-jars/jdbc"));
        }
    }

    @Test
    void aFlinkJobReadsAndWritesPostgresWithTheConnectorItsDialectAndTheDriverFromTheRegistry() throws Exception {
        // Nothing of the connector, its dialect or the driver is on this JVM's class path.
        assertThatThrownBy(() -> Class.forName("org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.flink.connector.jdbc.postgres.database.PostgresFactory"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.postgresql.Driver")).isInstanceOf(ClassNotFoundException.class);
        RegistryServerProcess server = registry.server();
        HttpRegistryClient client = ServerClients.of(server, server.newWorkspace("jdbc"), temp.resolve("cache"));
        Path connector = jar("flink-connector-jdbc-core-");
        Path dialect = jar("flink-connector-jdbc-postgres-");
        Path driver = jar("postgresql-");

        UploadResult registered = client.register("jdbc", connector, null,
                List.of(Dependency.file(dialect), Dependency.file(driver)));

        Version version = registered.version();
        assertThat(version.analysis().accepted()).isTrue();
        assertThat(version.dependencies()).extracting(Version.Dependency::fileName)
                .containsExactly(dialect.getFileName().toString(), driver.getFileName().toString());
        assertThat(version.dependencies()).extracting(Version.Dependency::sha256)
                .containsExactly(TestJars.sha256(Files.readAllBytes(dialect)), TestJars.sha256(Files.readAllBytes(driver)));
        assertThat(client.versions("jdbc").get(0).dependencies()).hasSize(2);

        String sql = "CREATE TABLE orders (id INT, customer STRING, amount DECIMAL(10, 2)) WITH ("
                + "'connector' = 'jdbc', 'url' = '" + JDBC_URL + "', 'table-name' = 'orders', "
                + "'username' = 'postgres', 'password' = 'unused');\n"
                + "CREATE TABLE totals (customer STRING, total DECIMAL(10, 2), orders BIGINT, "
                + "PRIMARY KEY (customer) NOT ENFORCED) WITH ("
                + "'connector' = 'jdbc', 'url' = '" + JDBC_URL + "', 'table-name' = 'totals', "
                + "'username' = 'postgres', 'password' = 'unused');\n"
                + "INSERT INTO totals SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer;\n";

        JobJars jars = new JobSubmission(client, "1.20").prepare(sql, "job-jdbc", null);

        assertThat(jars.resolution().jars()).extracting(Resolution.Jar::role)
                .containsExactly("connector", "dependency", "dependency");
        assertThat(jars.resolution().jars()).extracting(Resolution.Jar::connector).containsOnly("jdbc");
        assertThat(jars.resolution().jars()).extracting(Resolution.Jar::fileName)
                .containsExactly("jdbc-1.jar", dialect.getFileName().toString(), driver.getFileName().toString());
        assertThat(jars.jars()).hasSize(3).allSatisfy(path -> assertThat(path).startsWith(temp.resolve("cache")));
        for (int i = 0; i < 3; i++) {
            assertThat(TestJars.sha256(Files.readAllBytes(jars.jars().get(i))))
                    .isEqualTo(jars.resolution().jars().get(i).sha256());
        }

        String[] statements = sql.lines().filter(line -> !line.isBlank())
                .map(line -> line.strip().replaceAll(";$", "")).toArray(String[]::new);
        FlinkSql.create().run(jars.addJarStatements()).run(statements);

        assertThat(psql(DATABASE, "SELECT customer || ',' || total || ',' || orders FROM totals ORDER BY customer"))
                .containsExactly("ada,42.50,2", "grace,7.25,1");
        client.releaseLease("job-jdbc");
    }

    /** Runs SQL in psql against the local PostgreSQL (trust authentication) and returns its rows. */
    private static List<String> psql(String database, String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database,
                "-v", "ON_ERROR_STOP=1", "-X", "-q", "-t", "-A", "-c", sql).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
