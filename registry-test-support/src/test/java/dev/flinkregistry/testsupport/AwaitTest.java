package dev.flinkregistry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();

        Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3);

        assertThat(polls).hasValue(3);
    }

    @Test
    void failsAtTheDeadlineSayingWhatItAwaitedAndWhatWasThere() {
        assertThatThrownBy(() -> Await.until("never", Duration.ofMillis(50), () -> false, () -> "still nothing"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("never")
                .hasMessageContaining("still nothing");
    }
}
