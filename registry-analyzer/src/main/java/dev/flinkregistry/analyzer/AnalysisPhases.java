package dev.flinkregistry.analyzer;

/**
 * Where an analysis spent its time, so the next bottleneck is visible. The worker runs while the
 * classes are read, so the phases add up to more than the whole when both take long.
 *
 * @param archiveMillis opening the archive: its directory, the safety checks, the services files
 * @param classesMillis reading every class header and the Flink classes each references
 * @param checksMillis the checks on what was read and reported: class hierarchy, report check,
 *     lookup capability, versions, packaging
 * @param workerMillis the sandboxed workers' runs together, from handing the task to their end
 * @param workerWaitMillis how long the analysis waited for the workers after reading the classes
 */
public record AnalysisPhases(long archiveMillis, long classesMillis, long checksMillis, long workerMillis,
                             long workerWaitMillis) {

    /** Measures the phases of one analysis as it goes; the worker's time may be added from another thread. */
    static final class Clock {
        private final long started = System.nanoTime();
        private long mark = started;
        private long archive;
        private long classes;
        private long checks;
        private long wait;
        private final java.util.concurrent.atomic.AtomicLong worker = new java.util.concurrent.atomic.AtomicLong();

        private long lap() {
            long now = System.nanoTime();
            long lap = now - mark;
            mark = now;
            return lap;
        }

        void archiveOpened() {
            archive += lap();
        }

        void classesRead() {
            classes += lap();
        }

        void checked() {
            checks += lap();
        }

        void workersJoined() {
            wait += lap();
        }

        void workerRan(long nanos) {
            worker.addAndGet(nanos);
        }

        long startedNanos() {
            return started;
        }

        AnalysisPhases phases() {
            return new AnalysisPhases(millis(archive), millis(classes), millis(checks), millis(worker.get()),
                    millis(wait));
        }

        private static long millis(long nanos) {
            return nanos / 1_000_000;
        }
    }
}
