package dev.flinkregistry.server.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.connector.Offer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The resolve cache: reuse within the time to live, forget on every change, off at zero. */
class OffersCacheTest {

    private static final List<Offer> V1 = List.of(new Offer("table-connector", "sequence", "sequence", 1L, 1, "a", 1));
    private static final List<Offer> V2 = List.of(new Offer("table-connector", "sequence", "sequence", 2L, 2, "b", 1));

    @Test
    void reusesAnAnswerForTheSameIdentifiersInAnyOrder() {
        OffersCache cache = new OffersCache(Duration.ofMinutes(1));
        AtomicInteger queries = new AtomicInteger();

        cache.get(1, List.of("a", "b"), () -> counted(queries, V1));
        List<Offer> again = cache.get(1, List.of("b", "a"), () -> counted(queries, V2));

        assertThat(again).isEqualTo(V1);
        assertThat(queries).hasValue(1);
    }

    @Test
    void asksAgainAfterAChange() {
        OffersCache cache = new OffersCache(Duration.ofMinutes(1));
        cache.get(1, Set.of("sequence"), () -> V1);

        cache.invalidate();

        assertThat(cache.get(1, Set.of("sequence"), () -> V2)).isEqualTo(V2);
    }

    @Test
    void keepsWorkspacesApart() {
        OffersCache cache = new OffersCache(Duration.ofMinutes(1));
        cache.get(1, Set.of("sequence"), () -> V1);

        assertThat(cache.get(2, Set.of("sequence"), () -> V2)).isEqualTo(V2);
    }

    @Test
    void asksEveryTimeWithAZeroTimeToLive() {
        OffersCache cache = new OffersCache(Duration.ZERO);
        AtomicInteger queries = new AtomicInteger();

        cache.get(1, Set.of("sequence"), () -> counted(queries, V1));
        cache.get(1, Set.of("sequence"), () -> counted(queries, V1));

        assertThat(queries).hasValue(2);
    }

    @Test
    void asksAgainOnceTheTimeToLiveHasPassed() {
        OffersCache cache = new OffersCache(Duration.ofNanos(1));
        cache.get(1, Set.of("sequence"), () -> V1);

        assertThat(cache.get(1, Set.of("sequence"), () -> V2)).isEqualTo(V2);
    }

    private static List<Offer> counted(AtomicInteger queries, List<Offer> answer) {
        queries.incrementAndGet();
        return answer;
    }
}
