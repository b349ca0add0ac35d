package dev.flinkregistry.server.replicas;

import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** What the replica tests share: starting a replica beside another, resolving, timing how soon a change shows. */
final class Replicas {

    private Replicas() {}

    /**
     * A second replica on the same database whose stored JARs are the first one's (its {@code blobs}
     * directory is a link to theirs, as a shared volume or bucket would be); it has a data directory of its own.
     */
    static RunningRegistry besides(RunningRegistry first, Path dataDir, Map<String, Object> properties) {
        try {
            Files.createDirectories(dataDir);
            Files.createSymbolicLink(dataDir.resolve("blobs"), first.dataDir().resolve("blobs").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RunningRegistry.start(dataDir, properties);
    }

    /** The {@code changeFeed} health component as a platform administrator sees it. */
    static JsonNode feedHealth(RegistryHttp admin) {
        return admin.get("/actuator/health").json().path("components").path("changeFeed");
    }

    static Answer resolve(RegistryHttp http, String identifier) {
        return http.postJson(RegistryHttp.DEFAULT + "/resolve",
                body("identifiers", List.of(Map.of("identifier", identifier))));
    }

    /** The version {@code identifier} resolves to, or 0 when it resolves to nothing. */
    static int resolvedVersion(RegistryHttp http, String identifier) {
        Answer answer = resolve(http, identifier);
        if (answer.status() == 422) {
            return 0;
        }
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("resolved").get(0).path("version").asInt();
    }

    /**
     * Nanoseconds from now until {@code replica} first answers what {@code shows} accepts, asking again
     * at once after each answer, for at most {@code within}; fails after that.
     */
    static long staleness(RegistryHttp replica, String identifier, Predicate<Integer> shows, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        int seen;
        do {
            seen = resolvedVersion(replica, identifier);
            if (shows.test(seen)) {
                return System.nanoTime() - start;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("After " + within + " the replica still resolves '" + identifier + "' to version "
                + seen);
    }

    /** min / median / p95 / max in milliseconds. */
    static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return "n=%d min=%.1f ms median=%.1f ms p95=%.1f ms max=%.1f ms".formatted(sorted.size(),
                ms(sorted.get(0)), ms(median(sorted)), ms(sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1)),
                ms(sorted.get(sorted.size() - 1)));
    }

    static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
