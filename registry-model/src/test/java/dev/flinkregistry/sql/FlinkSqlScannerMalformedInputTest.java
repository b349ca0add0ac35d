package dev.flinkregistry.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed scripts make both scanner methods throw {@link SqlScanException} with the 1-based
 * line of the problem, never another unchecked exception or a partial result.
 *
 * <p>Bad inputs tried: an unterminated string literal (also one cut short by an unescaped quote
 * such as {@code 'it's'}), an unterminated block comment, an unterminated back-quoted identifier
 * and one broken by a line break, an unclosed and an unopened parenthesis, a semicolon inside an
 * open parenthesis, an {@code EXECUTE STATEMENT SET BEGIN} without {@code END}, {@code CREATE
 * TABLE} and {@code CREATE CATALOG} without a name, and {@code WITH} clauses with an unquoted key,
 * an unquoted value, a missing {@code =}, a missing comma and a trailing comma.
 */
class FlinkSqlScannerMalformedInputTest {

    private static void assertRejected(String script, int line, String problem) {
        assertThatThrownBy(() -> FlinkSqlScanner.statements(script))
                .isInstanceOf(SqlScanException.class)
                .hasMessage("Line " + line + ": " + problem)
                .satisfies(e -> assertThat(((SqlScanException) e).line()).isEqualTo(line));
        assertThatThrownBy(() -> FlinkSqlScanner.requiredIdentifiers(script)).isInstanceOf(SqlScanException.class);
    }

    @Test
    void rejectsUnterminatedStringAtTheLineWhereItOpens() {
        assertRejected("SET 'a' = 'b';\nCREATE TABLE t WITH ('connector' = 'kafka\n);\n", 2,
                "string literal is never closed with a quote (')");
    }

    @Test
    void rejectsStringCutShortByAnUnescapedQuote() {
        assertRejected("CREATE TABLE t WITH ('password' = 'it's');\nSET 'x' = 'y';", 2,
                "string literal is never closed with a quote (')");
    }

    @Test
    void rejectsUnterminatedBlockComment() {
        assertRejected("SET 'a' = 'b';\n\n/* CREATE TABLE t WITH ('connector' = 'x');\n", 3,
                "block comment '/*' is never closed with '*/'");
    }

    @Test
    void rejectsUnterminatedQuotedIdentifier() {
        assertRejected("CREATE TABLE `orders WITH ('connector' = 'x')", 1,
                "quoted identifier is never closed with a backtick (`)");
    }

    @Test
    void rejectsQuotedIdentifierSpanningLinesAsFlinkDoes() {
        assertRejected("CREATE TABLE `ord\ners` WITH ('connector' = 'x')", 1,
                "quoted identifier is never closed with a backtick (`)");
    }

    @Test
    void rejectsUnclosedParenthesisAtTheLineWhereItOpens() {
        assertRejected("CREATE TABLE t (\n  a INT,\n  b VARCHAR(10)\nWITH ('connector' = 'x')", 1,
                "'(' is never closed with ')' before the statement ends");
    }

    @Test
    void rejectsSemicolonInsideOpenParenthesis() {
        assertRejected("CREATE TABLE t (a INT;\n) WITH ('connector' = 'x')", 1,
                "'(' is never closed with ')' before the statement ends");
    }

    @Test
    void rejectsClosingParenthesisWithoutOpening() {
        assertRejected("CREATE TABLE t (a INT))\nWITH ('connector' = 'x')", 1, "')' has no matching '('");
    }

    @Test
    void rejectsStatementSetWithoutEnd() {
        assertRejected("SET 'a' = 'b';\nEXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\n", 2,
                "EXECUTE STATEMENT SET BEGIN is never closed with END");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            CREATE TABLE (a INT) WITH ('connector' = 'x')        | expected a table name
            CREATE TABLE                                         | expected a table name
            CREATE CATALOG WITH ('type' = 'x')                   | expected a catalog name
            CREATE TABLE t2 WITH ('connector' = 'x') LIKE        | expected a LIKE source table name
            CREATE TABLE t WITH (connector = 'x')                | expected a quoted option key
            CREATE TABLE t WITH ('connector' = kafka)            | expected a quoted value for option 'connector'
            CREATE TABLE t WITH ('connector' 'kafka')            | expected '=' after option key 'connectorkafka'
            CREATE TABLE t WITH ('connector' = 'x' 'topic' = 'y') | expected ',' or ')' in option list
            CREATE TABLE t WITH ('connector' = 'x',)             | expected a quoted option key
            CREATE CATALOG c WITH ('type' = 1)                   | expected a quoted value for option 'type'
            ALTER TABLE t SET ('connector')                      | expected '=' after option key 'connector'
            """)
    void rejectsMalformedDeclarations(String script, String problem) {
        assertRejected(script, 1, problem);
    }

    @Test
    void reportsTheLineOfTheMalformedOptionNotOfTheStatement() {
        assertRejected("CREATE TABLE t WITH (\n  'connector' = 'x',\n  topic = 'y'\n)", 3, "expected a quoted option key");
    }
}
