package dev.flinkregistry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading {@code Retry-After} and letting it lengthen a retry's wait. Values tried: seconds, an
 * HTTP date ahead and one already past, and unreadable ones (blank, negative, a fraction, words, an
 * ISO date).
 */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(Transport.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Transport.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(90).atZone(ZoneOffset.UTC));

        assertThat(Transport.parseRetryAfter(inNinetySeconds, NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Transport.parseRetryAfter("Sat, 21 Nov 2026 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Transport.parseRetryAfter(past, NOW)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "2026-11-21T10:01:30Z"})
    void ignoresWhatItCannotRead(String value) {
        assertThat(Transport.parseRetryAfter(value, NOW)).isNull();
    }

    @Test
    void waitsAtLeastWhatTheServerAskedButNoLongerThanTheLargestBackoff() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(2));

        assertThat(policy.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(1, Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMillis(10));
        assertThat(policy.backoff(3, null)).isLessThanOrEqualTo(Duration.ofMillis(40));
    }
}
