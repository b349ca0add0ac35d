package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Loads a JAR's factories through the worker launcher. When a factory hangs, exits or exhausts a
 * limit, it is reported as the culprit and the factories not yet analysed get a fresh worker. A
 * report about a class this analysis did not ask about, or a second one about a class, is refused:
 * the worker runs the JAR's code, so what it says is a claim, not a fact.
 */
final class FactoryLoader {

    /**
     * Most bytes of worker events one analysis reads; past them its factories' reports are refused.
     * The largest real report we know (the Kafka connector's) is 26 KB.
     */
    static final long EVENT_BUDGET_BYTES = 2L << 20;

    private final WorkerLauncher launcher;
    private final AnalyzerSettings settings;

    FactoryLoader(WorkerLauncher launcher, AnalyzerSettings settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    /** The reports, one per class; the peak memory the workers used; findings about the loading itself. */
    record Loaded(List<FactoryReport> reports, long peakRssKiB, List<Finding> findings) {}

    Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared) throws IOException {
        return load(runtime, jar, declared, undeclared, Set.of());
    }

    /** Like {@link #load(FlinkRuntime, Path, List, List)}; {@code legacy} of the declared are declared only as legacy TableFactories. */
    Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared, Set<String> legacy)
            throws IOException {
        return load(runtime, jar, declared, undeclared, legacy, List.of());
    }

    /** Like {@link #load(FlinkRuntime, Path, List, List, Set)}, with the connector's dependency JARs on the class path. */
    Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared, Set<String> legacy,
                List<Path> dependencies) throws IOException {
        Set<String> pendingDeclared = new LinkedHashSet<>(declared);
        Set<String> pendingUndeclared = new LinkedHashSet<>(undeclared);
        List<FactoryReport> reports = new ArrayList<>();
        List<Finding> rejected = new ArrayList<>();
        long peak = -1;
        long budget = EVENT_BUDGET_BYTES;
        // One time limit for all the factories of this call, however many hang one after another.
        // (JarAnalyzer calls again, with its own limit, only for undeclared factories it found.)
        long deadline = System.nanoTime() + settings.workerTimeout().toNanos();
        while (!pendingDeclared.isEmpty() || !pendingUndeclared.isEmpty()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero() || budget <= 0) {
                FactoryFailure cut = budget <= 0 ? budgetUsedUp() : timeUsedUp();
                failAll(pendingDeclared, true, cut, reports);
                failAll(pendingUndeclared, false, cut, reports);
                break;
            }
            WorkerRun run = launcher.run(new WorkerTask(runtime, jar, List.copyOf(pendingDeclared),
                    List.copyOf(pendingUndeclared), budget, legacy, dependencies), left);
            budget -= run.eventBytes();
            peak = Math.max(peak, run.peakRssKiB());
            accept(run, pendingDeclared, pendingUndeclared, reports, rejected);
            if (run.outcome() == WorkerRun.Outcome.COMPLETED) {
                // An honest worker reports every class before its end; the JAR's code may end it early.
                failAll(pendingDeclared, true, unreported(), reports);
                failAll(pendingUndeclared, false, unreported(), reports);
                break;
            }
            String culprit = run.unfinishedClass();
            boolean culpritDeclared = culprit != null && pendingDeclared.remove(culprit);
            if (culprit == null || !culpritDeclared && !pendingUndeclared.remove(culprit)) {
                FactoryFailure ended = processEnded(run);
                failAll(pendingDeclared, true, ended, reports);
                failAll(pendingUndeclared, false, ended, reports);
                break;
            }
            reports.add(FactoryReport.failed(culprit, culpritDeclared, culpritFailure(run)));
        }
        return new Loaded(reports, peak, rejected);
    }

    /** Takes the run's reports of classes still pending; a report of any other class is refused. */
    private static void accept(WorkerRun run, Set<String> pendingDeclared, Set<String> pendingUndeclared,
                               List<FactoryReport> reports, List<Finding> rejected) {
        for (JsonNode event : run.results()) {
            String className = event.path("class").asString("");
            boolean wasDeclared = pendingDeclared.remove(className);
            if (!wasDeclared && !pendingUndeclared.remove(className)) {
                rejected.add(unasked(className));
                continue;
            }
            reports.add(WorkerEvents.toReport(event, wasDeclared));
        }
    }

    private static Finding unasked(String className) {
        String subject = FindingLimits.shorten(className);
        return Finding.of(FindingCode.WORKER_REPORT_REJECTED, "The analysis worker reported " + subject + ", which "
                + "this analysis did not ask about, or reported it twice: the JAR's code wrote to the worker's report "
                + "channel. The report is ignored.", subject, List.of());
    }

    private FactoryFailure culpritFailure(WorkerRun run) {
        return switch (run.outcome()) {
            case TIMED_OUT -> new FactoryFailure(FindingCode.WORKER_TIMEOUT.name(), "loading it did not finish within "
                    + settings.workerTimeout().toSeconds() + " s (a static initialiser, constructor or factory method "
                    + "that never returns): Flink would hang the same way when planning a job", null, List.of());
            case CPU_LIMIT -> new FactoryFailure(FindingCode.WORKER_TIMEOUT.name(), "loading it used up the analysis "
                    + "CPU-time limit of " + settings.workerCpuTime().toSeconds() + " s: Flink would spend as long "
                    + "planning a job", null, List.of());
            case OUT_OF_MEMORY -> new FactoryFailure(FindingCode.WORKER_OUT_OF_MEMORY.name(), "loading it exhausted "
                    + "the analysis memory limit (" + settings.workerHeapMiB() + " MiB heap, "
                    + settings.workerMetaspaceMiB() + " MiB metaspace)", OutOfMemoryError.class.getName(), List.of());
            case EXITED -> new FactoryFailure(FindingCode.WORKER_EXITED.name(), "loading it ended the JVM with exit "
                    + "status " + run.exitCode() + " (System.exit or Runtime.halt): in Flink this would take down the "
                    + "JobManager or SQL client", null, List.of());
            case REPORT_TOO_LARGE -> new FactoryFailure(FindingCode.WORKER_REPORT_REJECTED.name(), "its report was "
                    + "larger than the analysis reads (" + (WorkerOutput.MAX_LINE_BYTES >> 10) + " KiB for one factory, "
                    + (EVENT_BUDGET_BYTES >> 20) + " MiB for all)", null, List.of());
            default -> new FactoryFailure(FindingCode.WORKER_FAILED.name(), "the analysis process failed: "
                    + lastLine(run.stderrTail()), null, List.of());
        };
    }

    private FactoryFailure timeUsedUp() {
        return new FactoryFailure(FindingCode.WORKER_TIMEOUT.name(), "was not analysed: the analysis time limit of "
                + settings.workerTimeout().toSeconds() + " s was used up by the factories before it", null, List.of());
    }

    private static FactoryFailure unreported() {
        return new FactoryFailure(FindingCode.WORKER_REPORT_REJECTED.name(), "was not reported by the analysis worker, "
                + "whose report ended before it: the JAR's code ended the report", null, List.of());
    }

    private static FactoryFailure budgetUsedUp() {
        return new FactoryFailure(FindingCode.WORKER_REPORT_REJECTED.name(), "was not analysed: the factories before "
                + "it reported more than the analysis reads (" + (EVENT_BUDGET_BYTES >> 20) + " MiB)", null, List.of());
    }

    private static FactoryFailure processEnded(WorkerRun run) {
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
