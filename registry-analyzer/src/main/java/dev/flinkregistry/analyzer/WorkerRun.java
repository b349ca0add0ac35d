package dev.flinkregistry.analyzer;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What one worker run reported, before it is checked.
 *
 * @param outcome how the run ended
 * @param results the {@code factory} and {@code failure} events that carried the run's nonce, in order
 * @param unfinishedClass the class the worker began and did not finish, or null
 * @param exitCode the worker's exit status, or -1 when it was killed
 * @param stderrTail the end of what the worker (and the user's code) printed, for diagnostics only
 * @param peakRssKiB the worker's peak resident memory, or -1
 * @param eventBytes how many bytes of events were read
 */
record WorkerRun(Outcome outcome, List<JsonNode> results, String unfinishedClass, int exitCode, String stderrTail,
                 long peakRssKiB, long eventBytes) {

    /** How a worker run ended. */
    enum Outcome {
        COMPLETED, TIMED_OUT, OUT_OF_MEMORY, EXITED, CRASHED, CPU_LIMIT, REPORT_TOO_LARGE
    }

    WorkerRun {
        results = List.copyOf(results);
    }
}
