package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Loads a JAR's factories in the sandbox. When a factory hangs, exits or exhausts memory, it is
 * reported as the culprit and the factories not yet analysed get a fresh worker.
 */
final class FactoryLoader {

    private final Sandbox sandbox;
    private final AnalyzerSettings settings;

    FactoryLoader(Sandbox sandbox, AnalyzerSettings settings) {
        this.sandbox = sandbox;
        this.settings = settings;
    }

    /** The reports, one per class, and the peak memory the workers used. */
    record Loaded(List<FactoryReport> reports, long peakRssKiB) {}

    Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared) throws IOException {
        Set<String> pendingDeclared = new LinkedHashSet<>(declared);
        Set<String> pendingUndeclared = new LinkedHashSet<>(undeclared);
        List<FactoryReport> reports = new ArrayList<>();
        long peak = -1;
        // One time limit for all the factories of this call, however many hang one after another.
        // (JarAnalyzer calls again, with its own limit, only for undeclared factories it found.)
        long deadline = System.nanoTime() + settings.workerTimeout().toNanos();
        while (!pendingDeclared.isEmpty() || !pendingUndeclared.isEmpty()) {
            java.time.Duration left = java.time.Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                FactoryFailure usedUp = timeUsedUp();
                failAll(pendingDeclared, true, usedUp, reports);
                failAll(pendingUndeclared, false, usedUp, reports);
                break;
            }
            Sandbox.Run run = sandbox.run(runtime, jar, List.copyOf(pendingDeclared), List.copyOf(pendingUndeclared),
                    left);
            peak = Math.max(peak, run.peakRssKiB());
            for (JsonNode event : run.results()) {
                FactoryReport report = WorkerEvents.toReport(event);
                reports.add(report);
                pendingDeclared.remove(report.className());
                pendingUndeclared.remove(report.className());
            }
            if (run.outcome() == Sandbox.Outcome.COMPLETED) {
                break;
            }
            String culprit = run.unfinishedClass();
            if (culprit == null) {
                FactoryFailure ended = processEnded(run);
                failAll(pendingDeclared, true, ended, reports);
                failAll(pendingUndeclared, false, ended, reports);
                break;
            }
            boolean wasDeclared = pendingDeclared.remove(culprit);
            pendingUndeclared.remove(culprit);
            reports.add(FactoryReport.failed(culprit, wasDeclared, culpritFailure(run)));
        }
        return new Loaded(reports, peak);
    }

    private FactoryFailure culpritFailure(Sandbox.Run run) {
        return switch (run.outcome()) {
            case TIMED_OUT -> new FactoryFailure(FindingCode.WORKER_TIMEOUT.name(), "loading it did not finish within "
                    + settings.workerTimeout().toSeconds() + " s (a static initialiser, constructor or factory method "
                    + "that never returns): Flink would hang the same way when planning a job", null, List.of());
            case OUT_OF_MEMORY -> new FactoryFailure(FindingCode.WORKER_OUT_OF_MEMORY.name(), "loading it exhausted "
                    + "the analysis memory limit (" + settings.workerHeapMiB() + " MiB heap, "
                    + settings.workerMetaspaceMiB() + " MiB metaspace)", OutOfMemoryError.class.getName(), List.of());
            case EXITED -> new FactoryFailure(FindingCode.WORKER_EXITED.name(), "loading it ended the JVM with exit "
                    + "status " + run.exitCode() + " (System.exit or Runtime.halt): in Flink this would take down the "
                    + "JobManager or SQL client", null, List.of());
            default -> new FactoryFailure(FindingCode.WORKER_FAILED.name(), "the analysis process failed: "
                    + lastLine(run.stderrTail()), null, List.of());
        };
    }

    private FactoryFailure timeUsedUp() {
        return new FactoryFailure(FindingCode.WORKER_TIMEOUT.name(), "was not analysed: the analysis time limit of "
                + settings.workerTimeout().toSeconds() + " s was used up by the factories before it", null, List.of());
    }

    private static FactoryFailure processEnded(Sandbox.Run run) {
        return new FactoryFailure(FindingCode.WORKER_FAILED.name(), "was not analysed: the analysis process ended ("
                + run.outcome() + ", exit status " + run.exitCode() + ") before it could load this factory"
                + (run.stderrTail().isBlank() ? "" : ": " + lastLine(run.stderrTail())), null, List.of());
    }

    private static void failAll(Set<String> classes, boolean declared, FactoryFailure failure,
                                List<FactoryReport> reports) {
        for (String name : classes) {
            reports.add(FactoryReport.failed(name, declared, failure));
        }
        classes.clear();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
