package dev.flinkregistry.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flinkregistry.sql.Token.Type;
import org.junit.jupiter.api.Test;

/** Token-level behaviour that the scanner's results depend on. */
class SqlTokenizerTest {

    @Test
    void producesWordsSymbolsStringsQuotedIdentifiersAndSemicolonsWithLines() {
        assertThat(SqlTokenizer.tokenize("SET 'k' =\n 'v';\n`a b`.c"))
                .extracting(Token::type, Token::text, Token::line)
                .containsExactly(
                        tuple(Type.WORD, "SET", 1),
                        tuple(Type.STRING, "k", 1),
                        tuple(Type.SYMBOL, "=", 1),
                        tuple(Type.STRING, "v", 2),
                        tuple(Type.SEMICOLON, ";", 2),
                        tuple(Type.QUOTED_IDENTIFIER, "a b", 3),
                        tuple(Type.SYMBOL, ".", 3),
                        tuple(Type.WORD, "c", 3));
    }

    @Test
    void unescapesDoubledQuotesAndBackticks() {
        assertThat(SqlTokenizer.tokenize("'it''s' `a``b` ''''"))
                .extracting(Token::text)
                .containsExactly("it's", "a`b", "'");
    }

    @Test
    void givesAStringSpanningLinesTheLineWhereItStarts() {
        assertThat(SqlTokenizer.tokenize("x\n'a\nb\nc' y"))
                .extracting(Token::text, Token::line)
                .containsExactly(tuple("x", 1), tuple("a\nb\nc", 2), tuple("y", 4));
    }

    @Test
    void skipsLineAndBlockCommentsIncludingHints() {
        assertThat(SqlTokenizer.tokenize("a -- b 'c\n/* d; 'e */ f /*+ OPTIONS('g'='h') */ i // j\nk /**/ l"))
                .extracting(Token::text)
                .containsExactly("a", "f", "i", "k", "l");
    }

    @Test
    void doesNotStartACommentInsideAString() {
        assertThat(SqlTokenizer.tokenize("'--x' '/*y*/' '//z'"))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.STRING, "--x"), tuple(Type.STRING, "/*y*/"), tuple(Type.STRING, "//z"));
    }

    @Test
    void readsUnicodeStringLiteralButNotAWordEndingInU() {
        assertThat(SqlTokenizer.tokenize("U&'\\0041' menu&'x'"))
                .extracting(Token::type, Token::text)
                .containsExactly(
                        tuple(Type.STRING, "\\0041"),
                        tuple(Type.WORD, "menu"),
                        tuple(Type.SYMBOL, "&"),
                        tuple(Type.STRING, "x"));
    }

    @Test
    void matchesKeywordsCaseInsensitivelyButNotQuotedIdentifiers() {
        Token word = SqlTokenizer.tokenize("wItH").get(0);
        Token quoted = SqlTokenizer.tokenize("`WITH`").get(0);

        assertThat(word.isKeyword("WITH")).isTrue();
        assertThat(quoted.isKeyword("WITH")).isFalse();
        assertThat(quoted.type()).isEqualTo(Type.QUOTED_IDENTIFIER);
    }
}
