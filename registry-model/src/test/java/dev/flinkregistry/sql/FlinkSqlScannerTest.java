package dev.flinkregistry.sql;

import static dev.flinkregistry.model.Family.CATALOG;
import static dev.flinkregistry.model.Family.FORMAT;
import static dev.flinkregistry.model.Family.TABLE_CONNECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.sql.SqlStatement.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inline cases for statement splitting, declarations and required identifiers. */
class FlinkSqlScannerTest {

    private static List<String> identifiers(String script) {
        return FlinkSqlScanner.requiredIdentifiers(script).stream()
                .map(required -> required.family() + ":" + required.identifier())
                .toList();
    }

    @Test
    void findsNothingInEmptyOrCommentOnlyScripts() {
        assertThat(FlinkSqlScanner.statements("")).isEmpty();
        assertThat(FlinkSqlScanner.statements(" \n-- just a note\n/* and a block */ ;; \n")).isEmpty();
        assertThat(FlinkSqlScanner.requiredIdentifiers("")).isEmpty();
    }

    @Test
    void matchesKeywordsInAnyCase() {
        String script = "cReAtE tEmPoRaRy TaBlE iF nOt ExIsTs T1 (A int) wItH ('connector' = 'datagen')";

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::name, SqlStatement::options)
                .containsExactly(tuple(Kind.TABLE, "T1", Map.of("connector", "datagen")));
    }

    @Test
    void knowsTheLineOfEachOptionKeyAndFallsBackToTheStatementsLine() {
        String script = "SET 'a' = 'b';\nCREATE TABLE t (\n  id INT\n) WITH (\n  'connector' = 'x',\n  'k'\n    = 'v',\n"
                + "  'k' = 'w', 'two' 'parts' = 'y'\n)";

        SqlStatement table = FlinkSqlScanner.statements(script).get(1);

        assertThat(table.line()).isEqualTo(2);
        assertThat(table.optionLines()).containsExactly(entry("connector", 5), entry("k", 8), entry("twoparts", 8));
        assertThat(table.lineOf("k")).as("the occurrence whose value wins").isEqualTo(8);
        assertThat(table.lineOf("missing")).isEqualTo(2);
        assertThat(new SqlStatement(Kind.TABLE, "t", Map.of("k", "v"), java.util.Optional.empty(), 4).lineOf("k"))
                .isEqualTo(4);
    }

    @Test
    void countsLinesTheSameWithCrLfLoneCrAndLf() {
        String lf = SqlCorpus.read("job.sql");
        List<SqlStatement> expected = FlinkSqlScanner.statements(lf);

        assertThat(FlinkSqlScanner.statements(lf.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(FlinkSqlScanner.statements(lf.replace("\n", "\r"))).isEqualTo(expected);
    }

    @Test
    void keepsLineBreaksInsideStringValuesAsWritten() {
        String script = "CREATE TABLE t WITH ('connector' = 'x', 'note' = 'a\r\nb');\r\nSET 'k' = 'v'";

        List<SqlStatement> statements = FlinkSqlScanner.statements(script);

        assertThat(statements.get(0).options()).containsEntry("note", "a\r\nb");
        assertThat(statements.get(1).line()).isEqualTo(3);
    }

    @Test
    void doesNotSplitOrCommentOnSemicolonsAndCommentMarkersInsideStrings() {
        String script = "CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = '/d;a--t/*a', "
                + "'format' = 'csv'); INSERT INTO t VALUES (1)";

        List<SqlStatement> statements = FlinkSqlScanner.statements(script);

        assertThat(statements).extracting(SqlStatement::kind).containsExactly(Kind.TABLE, Kind.OTHER);
        assertThat(statements.get(0).options()).containsEntry("path", "/d;a--t/*a").containsEntry("format", "csv");
    }

    @Test
    void skipsDoubleSlashLineCommentsAsFlinkDoes() {
        String script = "// CREATE TABLE x WITH ('connector' = 'fake');\nCREATE TABLE y WITH ('connector' = 'real')";

        assertThat(identifiers(script)).containsExactly(TABLE_CONNECTOR + ":real");
        assertThat(FlinkSqlScanner.statements(script).get(0).line()).isEqualTo(2);
    }

    @Test
    void countsLinesOfMultiLineBlockCommentsBeforeAStatement() {
        String script = "/* one\n two\n three */ CREATE CATALOG c WITH ('type' = 'hive')";

        assertThat(FlinkSqlScanner.statements(script).get(0).line()).isEqualTo(3);
    }

    @Test
    void ignoresDynamicOptionHintsBecauseTheyAreComments() {
        String script = "INSERT INTO s SELECT * FROM t /*+ OPTIONS('format' = 'avro') */";

        assertThat(identifiers(script)).isEmpty();
    }

    @Test
    void treatsUnicodeStringLiteralsAsPlainStrings() {
        String script = "CREATE TABLE t WITH ('connector' = U&'my-conn', 'format' = u&'csv')";

        assertThat(identifiers(script)).containsExactly(TABLE_CONNECTOR + ":my-conn", FORMAT + ":csv");
    }

    @Test
    void concatenatesAdjacentStringLiteralsInOptions() {
        String script = "CREATE TABLE t WITH ('connector' = 'my'\n  '-conn')";

        assertThat(FlinkSqlScanner.statements(script).get(0).options()).containsExactly(entry("connector", "my-conn"));
    }

    @Test
    void keepsTheLastValueOfARepeatedOptionKeyInItsFirstPosition() {
        String script = "CREATE TABLE t WITH ('connector' = 'a', 'topic' = 't', 'connector' = 'b')";

        assertThat(FlinkSqlScanner.statements(script).get(0).options())
                .containsExactly(entry("connector", "b"), entry("topic", "t"));
    }

    @Test
    void treatsOptionKeysCaseSensitivelyAndIgnoresBlankIdentifiers() {
        String script = "CREATE TABLE t WITH ('Connector' = 'kafka', 'FORMAT' = 'json', 'connector' = ' ')";

        assertThat(identifiers(script)).isEmpty();
    }

    @Test
    void treatsAnyKeyEndingInDotFormatAsAFormat() {
        String script = "CREATE TABLE t WITH ('connector' = 'c', 'sink.custom.format' = 'protobuf', "
                + "'json.timestamp-format.standard' = 'ISO-8601', 'timestamp-format' = 'x')";

        assertThat(identifiers(script)).containsExactly(TABLE_CONNECTOR + ":c", FORMAT + ":protobuf");
    }

    @Test
    void keepsTheSameWordInDifferentFamiliesApart() {
        String script = "CREATE TABLE t WITH ('connector' = 'raw', 'format' = 'raw');\n"
                + "CREATE CATALOG raw WITH ('type' = 'raw')";

        assertThat(FlinkSqlScanner.requiredIdentifiers(script)).containsExactly(
                new RequiredIdentifier(TABLE_CONNECTOR, "raw", List.of(new IdentifierLocation(1, "t", "connector"))),
                new RequiredIdentifier(FORMAT, "raw", List.of(new IdentifierLocation(1, "t", "format"))),
                new RequiredIdentifier(CATALOG, "raw", List.of(new IdentifierLocation(2, "raw", "type"))));
    }

    @Test
    void requiresOnlyTheTypeOfACatalogWithIfNotExistsAndComment() {
        String script = "CREATE CATALOG IF NOT EXISTS cat COMMENT 'a WITH (''type''=''x'')' "
                + "WITH ('type' = 'paimon', 'warehouse' = 's3://w', 'format' = 'orc')";

        assertThat(FlinkSqlScanner.statements(script).get(0).name()).isEqualTo("cat");
        assertThat(identifiers(script)).containsExactly(CATALOG + ":paimon");
    }

    @Test
    void readsTableWithoutWithClauseAsTableWithNoOptions() {
        assertThat(FlinkSqlScanner.statements("CREATE TABLE managed (id INT, PRIMARY KEY (id) NOT ENFORCED)"))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.kind()).isEqualTo(Kind.TABLE);
                    assertThat(t.options()).isEmpty();
                });
    }

    @Test
    void readsAlterTableSetOptionsBecauseTheyCanChangeConnectorOrFormat() {
        String script = "ALTER TABLE IF EXISTS db.orders SET ('value.format' = 'avro');\nALTER TABLE orders RENAME TO o2";

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::name)
                .containsExactly(tuple(Kind.ALTER_TABLE, "db.orders"), tuple(Kind.OTHER, ""));
        assertThat(identifiers(script)).containsExactly(FORMAT + ":avro");
    }

    @Test
    void readsMaterializedTableOptionsUpToItsQuery() {
        String script = "CREATE MATERIALIZED TABLE daily PARTITIONED BY (ds) WITH ('format' = 'json') "
                + "FRESHNESS = INTERVAL '1' HOUR AS SELECT ds, COUNT(*) FROM src GROUP BY ds";

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::name, SqlStatement::options)
                .containsExactly(tuple(Kind.TABLE, "daily", Map.of("format", "json")));
    }

    @Test
    void classifiesViewsFunctionsAndOtherStatementsAsOther() {
        String script = "CREATE TEMPORARY VIEW v AS SELECT * FROM t WHERE s = 'WITH (''connector''=''x'')';"
                + "CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.acme.F' LANGUAGE JAVA;"
                + "ADD JAR '/jars/x.jar'; USE CATALOG c; SHOW TABLES; RESET 'k'";

        assertThat(FlinkSqlScanner.statements(script)).extracting(SqlStatement::kind).containsOnly(Kind.OTHER).hasSize(6);
    }

    @Test
    void endsAStatementSetBlockOnlyAtAnEndThatStartsAStatement() {
        String script = "EXECUTE STATEMENT SET BEGIN\n"
                + "INSERT INTO a SELECT CASE WHEN x THEN 1 ELSE 0 END;\n"
                + "INSERT INTO b SELECT 'END;' FROM c;\n"
                + "END;\n"
                + "CREATE TABLE after_set WITH ('connector' = 'print')";

        assertThat(FlinkSqlScanner.statements(script))
                .extracting(SqlStatement::kind, SqlStatement::line)
                .containsExactly(tuple(Kind.OTHER, 1), tuple(Kind.TABLE, 5));
    }

    @Test
    void splitsTheOlderBeginStatementSetSyntaxLikeTheSqlClient() {
        String script = "BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND;";

        assertThat(FlinkSqlScanner.statements(script)).extracting(SqlStatement::line).containsExactly(1, 2, 3);
    }

    @Test
    void returnsImmutableResults() {
        SqlStatement statement = FlinkSqlScanner.statements("CREATE TABLE t WITH ('connector' = 'x')").get(0);

        assertThatThrownBy(() -> statement.options().put("format", "csv")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FlinkSqlScanner.requiredIdentifiers("").add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullScript() {
        assertThatThrownBy(() -> FlinkSqlScanner.statements(null)).isInstanceOf(NullPointerException.class);
    }
}
