package dev.flinkregistry.samples.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.FlinkSql;
import org.apache.flink.table.catalog.Catalog;
import org.junit.jupiter.api.Test;

import java.util.Map;

class SeededCatalogTest {

    @Test
    void createsTheListedDatabasesWhenTheCatalogOpens() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run(
                                "CREATE CATALOG seeded WITH ('type' = 'seeded-memory', 'databases'"
                                    + " = 'a;b', 'default-database' = 'main', 'username' = 'alice',"
                                    + " 'password' = 'secret', 'properties' ="
                                    + " 'team:data,tier:gold')")
                        .run("USE CATALOG seeded");

        assertThat(sql.queryLines("SHOW DATABASES")).containsExactlyInAnyOrder("a", "b", "main");
        assertThat(sql.queryLines("SHOW CURRENT DATABASE")).containsExactly("main");
        Catalog catalog = sql.tableEnv().getCatalog("seeded").orElseThrow();
        assertThat(catalog.getDatabase("a").getProperties())
                .isEqualTo(Map.of("team", "data", "tier", "gold"));
        assertThat(catalog.getDatabase("b").getComment()).isEqualTo("Seeded for alice.");
    }

    @Test
    void usesTheDefaultDatabaseNamedDefaultWhenNothingIsListed() throws Exception {
        FlinkSql sql =
                FlinkSql.create()
                        .run("CREATE CATALOG plain WITH ('type' = 'seeded-memory')")
                        .run("USE CATALOG plain");

        assertThat(sql.queryLines("SHOW DATABASES")).containsExactly("default");
    }

    @Test
    void rejectsUsernameWithoutPassword() {
        FlinkSql sql = FlinkSql.create();

        assertThatThrownBy(
                        () ->
                                sql.run(
                                        "CREATE CATALOG c WITH ('type' = 'seeded-memory',"
                                            + " 'username' = 'alice')"))
                .hasStackTraceContaining("'username' and 'password'");
    }
}
