package dev.flinkregistry.analysisservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.analysisservice.RunningService.Answer;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The service refuses to start without a bearer secret worth the name (unless told to answer anyone),
 * and a request that finds every analysis slot taken for the queue timeout gets 503 {@code ANALYSIS_BUSY}
 * with Retry-After instead of queueing without end.
 *
 * <p>Bad inputs tried: no token, a blank token, a 31-character token; a second analysis while the only
 * slot runs a JAR that never returns.
 */
class ServiceStartAndBusyTest {

    @Test
    void refusesToStartWithoutATokenOfAtLeast32Characters() {
        for (String token : new String[] {"", "   ", "x".repeat(31)}) {
            assertThatThrownBy(() -> RunningService.start(Map.of("registry.analysis.remote.token", token)).close())
                    .as("token '%s'", token).rootCause().hasMessageContaining("registry.analysis.remote.token");
        }
    }

    @Test
    void answersAnyoneOnlyWhenToldTo() {
        try (RunningService open = RunningService.start(Map.of("registry.analysis.remote.token", "",
                "registry.analysis.remote.allow-no-token", "true", "registry.analysis.warm-workers", "0"))) {
            assertThat(open.get("/v1/runtimes/1.20", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestThatFindsEverySlotBusyIsToldToComeBack() {
        try (RunningService service = RunningService.start(Map.of("registry.analysis.max-concurrent", "1",
                "registry.analysis.queue-timeout", "1s", "registry.analysis.timeout", "8s",
                "registry.analysis.warm-workers", "0"))) {
            CompletableFuture<Answer> hanging = CompletableFuture.supplyAsync(
                    () -> service.analyze(TestJars.broken("never-returns"), "flinkVersion=1.20"));
            Answer[] busy = new Answer[1];
            Await.until("a second analysis is refused while the first holds the only slot", Duration.ofSeconds(30),
                    () -> {
                        busy[0] = service.analyze(TestJars.psvFormat(), "flinkVersion=1.20");
                        return busy[0].status() == 503 || hanging.isDone();
                    });

            assertThat(busy[0].status()).as(busy[0].body()).isEqualTo(503);
            assertThat(busy[0].json().path("code").asString()).isEqualTo("ANALYSIS_BUSY");
            assertThat(busy[0].header("Retry-After")).isNotBlank();
            Answer first = hanging.join();
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().path("accepted").asBoolean()).isFalse();
            assertThat(service.analyze(TestJars.psvFormat(), "flinkVersion=1.20").status())
                    .as("the slot is free again").isEqualTo(200);
        }
    }
}
