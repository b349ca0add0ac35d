package dev.flinkregistry.sql;

import static dev.flinkregistry.model.Family.CATALOG;
import static dev.flinkregistry.model.Family.FORMAT;
import static dev.flinkregistry.model.Family.TABLE_CONNECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.sql.SqlStatement.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scans the realistic scripts under {@code src/test/resources/sql}. */
class FlinkSqlScannerCorpusTest {

    @Test
    void readsKafkaSourceWithKeyAndValueFormatsAndIgnoresColumnsAndWatermark() {
        List<SqlStatement> statements = FlinkSqlScanner.statements(SqlCorpus.read("kafka-source.sql"));

        assertThat(statements).singleElement().satisfies(orders -> {
            assertThat(orders.kind()).isEqualTo(Kind.TABLE);
            assertThat(orders.name()).isEqualTo("orders");
            assertThat(orders.line()).isEqualTo(2);
            assertThat(orders.likeTable()).isEmpty();
            assertThat(orders.options()).containsExactly(
                    entry("connector", "kafka"),
                    entry("topic", "orders"),
                    entry("properties.bootstrap.servers", "kafka-1:9092,kafka-2:9092"),
                    entry("properties.group.id", "orders-reader"),
                    entry("scan.startup.mode", "earliest-offset"),
                    entry("key.format", "raw"),
                    entry("key.fields", "order_id"),
                    entry("value.format", "json"),
                    entry("value.json.ignore-parse-errors", "true"),
                    entry("value.fields-include", "EXCEPT_KEY"));
        });
    }

    @Test
    void requiresKafkaConnectorAndBothFormatsButNotFormatSpecificOptions() {
        assertThat(FlinkSqlScanner.requiredIdentifiers(SqlCorpus.read("kafka-source.sql")))
                .extracting(RequiredIdentifier::family, RequiredIdentifier::identifier)
                .containsExactly(
                        tuple(TABLE_CONNECTOR, "kafka"),
                        tuple(FORMAT, "raw"),
                        tuple(FORMAT, "json"));
    }

    @Test
    void listsAFormatUsedForKeyAndValueOnceWithBothLocations() {
        List<RequiredIdentifier> required = FlinkSqlScanner.requiredIdentifiers(SqlCorpus.read("upsert-kafka.sql"));

        assertThat(required).extracting(RequiredIdentifier::family, RequiredIdentifier::identifier)
                .containsExactly(tuple(TABLE_CONNECTOR, "upsert-kafka"), tuple(FORMAT, "avro-confluent"));
        assertThat(required.get(1).locations()).containsExactly(
                new IdentifierLocation(1, "pageviews_per_region", "key.format"),
                new IdentifierLocation(1, "pageviews_per_region", "value.format"));
    }

    @Test
    void unescapesDoubledQuotesInJdbcSinkOptionsAndSkipsLeadingBlockComment() {
        String script = SqlCorpus.read("jdbc-sink.sql");

        SqlStatement sink = FlinkSqlScanner.statements(script).get(0);

        assertThat(sink.name()).isEqualTo("mysql_results");
        assertThat(sink.line()).isEqualTo(4);
        assertThat(sink.options())
                .containsEntry("password", "pass'word")
                .containsEntry("url", "jdbc:mysql://db:3306/shop?useSSL=false&serverTimezone=UTC");
        assertThat(FlinkSqlScanner.requiredIdentifiers(script))
                .containsExactly(new RequiredIdentifier(TABLE_CONNECTOR, "jdbc",
                        List.of(new IdentifierLocation(4, "mysql_results", "connector"))));
    }

    @Test
    void readsLowerCasePartitionedFilesystemTableWithCommentAndCsvFormat() {
        String script = SqlCorpus.read("filesystem-partitioned.sql");

        SqlStatement archive = FlinkSqlScanner.statements(script).get(0);

        assertThat(archive.kind()).isEqualTo(Kind.TABLE);
        assertThat(archive.name()).isEqualTo("fs_archive");
        assertThat(archive.options()).containsEntry("csv.field-delimiter", ";").hasSize(5);
        assertThat(FlinkSqlScanner.requiredIdentifiers(script))
                .extracting(RequiredIdentifier::family, RequiredIdentifier::identifier)
                .containsExactly(tuple(TABLE_CONNECTOR, "filesystem"), tuple(FORMAT, "csv"));
    }

    @Test
    void readsLikeSourceAndOnlyTheOptionsWrittenOnTheDerivedTable() {
        List<SqlStatement> statements = FlinkSqlScanner.statements(SqlCorpus.read("like.sql"));

        assertThat(statements)
                .extracting(SqlStatement::name, SqlStatement::line, s -> s.likeTable().orElse(null))
                .containsExactly(tuple("t1", 1, null), tuple("t2", 9, "t1"), tuple("t3", 13, "cat.db.t1"));
        assertThat(statements.get(1).options()).containsExactly(entry("connector", "x"));
        assertThat(statements.get(2).options()).containsExactly(entry("format", "avro"));
    }

    @Test
    void requiresCatalogTypeOfCreateCatalog() {
        String script = SqlCorpus.read("catalog.sql");

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::name)
                .containsExactly(tuple(Kind.CATALOG, "my_pg"), tuple(Kind.OTHER, ""));
        assertThat(FlinkSqlScanner.requiredIdentifiers(script))
                .containsExactly(new RequiredIdentifier(CATALOG, "jdbc",
                        List.of(new IdentifierLocation(1, "my_pg", "type"))));
    }

    @Test
    void splitsJobScriptIntoStatementsKeepingTheStatementSetTogether() {
        List<SqlStatement> statements = FlinkSqlScanner.statements(SqlCorpus.read("job.sql"));

        assertThat(statements)
                .extracting(SqlStatement::kind, SqlStatement::name, SqlStatement::line)
                .containsExactly(
                        tuple(Kind.OTHER, "", 1),
                        tuple(Kind.OTHER, "", 2),
                        tuple(Kind.TABLE, "clicks", 10),
                        tuple(Kind.TABLE, "enriched", 21),
                        tuple(Kind.OTHER, "", 23),
                        tuple(Kind.OTHER, "", 26),
                        tuple(Kind.OTHER, "", 33));
    }

    @Test
    void ignoresDdlInCommentsAndStringsOfJobScript() {
        assertThat(FlinkSqlScanner.requiredIdentifiers(SqlCorpus.read("job.sql")))
                .extracting(RequiredIdentifier::family, RequiredIdentifier::identifier)
                .containsExactly(
                        tuple(TABLE_CONNECTOR, "kafka"),
                        tuple(FORMAT, "json"),
                        tuple(TABLE_CONNECTOR, "print"));
    }

    @Test
    void readsOptionsOfCreateTableAsSelectAndStopsAtTheQuery() {
        String script = SqlCorpus.read("ctas.sql");

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::name, SqlStatement::line)
                .containsExactly(tuple(Kind.TABLE, "my_ctas_table", 1), tuple(Kind.TABLE, "rtas_table", 9));
        assertThat(FlinkSqlScanner.requiredIdentifiers(script))
                .extracting(RequiredIdentifier::family, RequiredIdentifier::identifier)
                .containsExactly(
                        tuple(TABLE_CONNECTOR, "kafka"),
                        tuple(FORMAT, "debezium-json"),
                        tuple(TABLE_CONNECTOR, "filesystem"),
                        tuple(FORMAT, "parquet"));
    }

    @Test
    void unquotesBacktickNamesWithSpacesKeywordsAndDoubledBackticks() {
        assertThat(FlinkSqlScanner.statements(SqlCorpus.read("quoted-names.sql")))
                .extracting(SqlStatement::name, SqlStatement::options)
                .containsExactly(
                        tuple("my catalog.my db.select", Map.of("connector", "datagen")),
                        tuple("odd`name", Map.of("connector", "blackhole")));
    }
}
