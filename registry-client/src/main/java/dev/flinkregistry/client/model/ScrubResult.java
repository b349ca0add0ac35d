package dev.flinkregistry.client.model;

import java.time.Instant;
import java.util.List;

/**
 * What one check of every stored JAR against its SHA-256 found ({@code POST /api/v1/admin/scrub}).
 *
 * @param checked how many stored JARs were hashed
 * @param corrupt the digests whose stored bytes no longer match; the registry no longer serves them
 * @param startedAt when the check started
 * @param durationMillis how long it took
 */
public record ScrubResult(int checked, List<String> corrupt, Instant startedAt, long durationMillis) {

    /** Keeps the digests as given, none when absent. */
    public ScrubResult {
        corrupt = corrupt == null ? List.of() : List.copyOf(corrupt);
    }
}
