package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What isolation itself costs, for the benchmark: {@code java -version} (with the worker's memory
 * flags) run plainly and inside each mechanism's sandbox, with the view and limits a worker gets.
 */
public final class IsolationCost {

    private IsolationCost() {}

    /** Nanoseconds of each run of {@code java -version}, confined by the mechanism (NONE: a plain process). */
    public static List<Long> javaVersion(Isolation mechanism, Path workDirectory, int runs) throws Exception {
        AnalyzerSettings settings = AnalyzerSettings.defaults().withWorkDirectory(workDirectory)
                .withIsolation(mechanism).withWorkerJavaHome(Path.of(System.getProperty("java.home")));
        JarAnalyzer analyzer = new JarAnalyzer(settings);
        if (!analyzer.isolation().available()) {
            throw new IllegalStateException(analyzer.isolation().reason());
        }
        WorkerJvm jvm = new WorkerJvm(settings);
        FlinkRuntime runtime = analyzer.runtimes().get("2.2");
        // The worker's memory flags: a JVM's defaults reserve more address space than a worker may have.
        List<String> java = List.of(jvm.java(runtime).toString(), "-Xmx256m", "-XX:MaxMetaspaceSize=256m",
                "-XX:CompressedClassSpaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-version");
        List<Long> nanos = new ArrayList<>();
        ScratchDirectories scratch = new ScratchDirectories(workDirectory);
        for (int i = 0; i < runs; i++) {
            try (ScratchDirectories.RunDirectory run = scratch.create()) {
                List<String> command = mechanism == Isolation.NONE ? java : confined(settings, jvm, runtime, run, java);
                long started = System.nanoTime();
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(mechanism + ": java -version failed with " + process.exitValue()
                            + ": " + output);
                }
                nanos.add(System.nanoTime() - started);
            }
        }
        return nanos;
    }

    private static List<String> confined(AnalyzerSettings settings, WorkerJvm jvm, FlinkRuntime runtime,
                                         ScratchDirectories.RunDirectory run, List<String> java) throws IOException {
        Confinement confinement = IsolationSelector.select(settings, c -> Optional.empty()).confinement();
        Path input = Files.writeString(run.path().resolve("empty.jar"), "");
        ScratchDirectories.setPermissions(input, "rw-r--r--");
        SandboxView view = SandboxView.of(jvm.java(runtime), jvm.classPath(runtime), confinement.programsInside());
        return confinement.command(view, input, run.path(), WorkerLimits.of(settings), java);
    }
}
