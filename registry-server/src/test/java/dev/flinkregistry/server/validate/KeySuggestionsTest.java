package dev.flinkregistry.server.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suggestions for mistyped keys. Bad inputs: {@code scan.startup.mod}, {@code fromat},
 * {@code SCAN.STARTUP.MODE}, {@code startup.mode}, {@code topik}, {@code fields.id.knd}, and
 * words close to nothing ({@code compression}, {@code ab}, a 10,000-character key).
 */
class KeySuggestionsTest {

    private static final List<String> KAFKA = List.of("format", "topic", "topic-pattern", "scan.startup.mode",
            "scan.bounded.mode", "scan.startup.timestamp-millis", "properties.bootstrap.servers");

    @Test
    void suggestsTheKeyOneEditAway() {
        assertThat(KeySuggestions.closest("scan.startup.mod", KAFKA)).contains("scan.startup.mode");
        assertThat(KeySuggestions.closest("topik", KAFKA)).contains("topic");
    }

    @Test
    void countsSwappedNeighboursAsOneEdit() {
        assertThat(KeySuggestions.closest("fromat", KAFKA)).contains("format");
    }

    @Test
    void ignoresCase() {
        assertThat(KeySuggestions.closest("SCAN.STARTUP.MODE", KAFKA)).contains("scan.startup.mode");
    }

    @Test
    void suggestsTheOnlyKeyTheWordIsAWholeSegmentOf() {
        assertThat(KeySuggestions.closest("startup.mode", KAFKA)).contains("scan.startup.mode");
        assertThat(KeySuggestions.closest("mode", KAFKA)).isEmpty();
    }

    @Test
    void prefersOnATieTheKeyThatAgreesLongerWithTheTypedStart() {
        assertThat(KeySuggestions.closest("fields.id.knd", List.of("fields.id.end", "fields.id.kind")))
                .contains("fields.id.kind");
    }

    @Test
    void suggestsNothingWhenNoKeyIsClose() {
        assertThat(KeySuggestions.closest("compression", KAFKA)).isEmpty();
        assertThat(KeySuggestions.closest("ab", KAFKA)).isEmpty();
        assertThat(KeySuggestions.closest("x".repeat(10_000), KAFKA)).isEmpty();
    }

    @Test
    void measuresOptimalStringAlignmentDistance() {
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(KeySuggestions.distance("", "abc")).isEqualTo(3);
    }
}
