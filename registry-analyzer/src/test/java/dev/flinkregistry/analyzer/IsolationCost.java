package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What isolation itself costs, for the benchmark: {@code java -version} (with the worker's memory
 * flags) run plainly and inside each mechanism's sandbox, with the view and limits a worker gets;
 * the mechanisms take turns, so that a busy machine slows them alike.
 */
public final class IsolationCost {

    private IsolationCost() {}

    /** Nanoseconds of each run of {@code java -version} per mechanism that works here (NONE: a plain process). */
    public static Map<Isolation, List<Long>> javaVersion(List<Isolation> mechanisms, Path workDirectory, int runs)
            throws Exception {
        Map<Isolation, List<String>> commands = new LinkedHashMap<>();
        Map<Isolation, List<Long>> nanos = new LinkedHashMap<>();
        ScratchDirectories scratch = new ScratchDirectories(workDirectory);
        try (ScratchDirectories.RunDirectory run = scratch.create()) {
            for (Isolation mechanism : mechanisms) {
                command(mechanism, workDirectory, run).ifPresent(command -> {
                    commands.put(mechanism, command);
                    nanos.put(mechanism, new ArrayList<>());
                });
            }
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<Isolation, List<String>> command : commands.entrySet()) {
                    nanos.get(command.getKey()).add(time(command.getKey(), command.getValue()));
                }
            }
        }
        return nanos;
    }

    private static long time(Isolation mechanism, List<String> command) throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(mechanism + ": java -version failed with " + process.exitValue() + ": "
                    + output);
        }
        return System.nanoTime() - started;
    }

    private static Optional<List<String>> command(Isolation mechanism, Path workDirectory,
                                                  ScratchDirectories.RunDirectory run) throws IOException {
        AnalyzerSettings settings = AnalyzerSettings.defaults().withWorkDirectory(workDirectory)
                .withIsolation(mechanism).withWorkerJavaHome(Path.of(System.getProperty("java.home")));
        JarAnalyzer analyzer = new JarAnalyzer(settings);
        if (!analyzer.isolation().available()) {
            return Optional.empty();
        }
        WorkerJvm jvm = new WorkerJvm(settings);
        FlinkRuntime runtime = analyzer.runtimes().get("2.2");
        // The worker's memory flags: a JVM's defaults reserve more address space than a worker may have.
        List<String> java = List.of(jvm.java(runtime).toString(), "-Xmx256m", "-XX:MaxMetaspaceSize=256m",
                "-XX:CompressedClassSpaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-version");
        if (mechanism == Isolation.NONE) {
            return Optional.of(java);
        }
        Confinement confinement = IsolationSelector.select(settings, c -> Optional.empty()).confinement();
        Path input = run.path().resolve(StandingWorker.INPUT_DIRECTORY);
        if (!Files.exists(input)) {
            StandingWorker.inputDirectory(run);
        }
        SandboxView view = SandboxView.of(jvm.java(runtime), jvm.classPath(runtime), confinement.programsInside());
        return Optional.of(confinement.command(view, input, run.path(), WorkerLimits.of(settings), java));
    }
}
