package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A process that analyses one JAR and prints the verdict, so that a test can kill the process
 * that analyses (with SIGKILL, as an operator or the OOM killer would) while its worker runs.
 * Arguments: isolation, work directory, JAR, Flink line.
 */
public final class AnalyzeInChild {

    private AnalyzeInChild() {}

    public static void main(String[] args) throws Exception {
        AnalyzerSettings settings = AnalyzerSettings.defaults().withIsolation(Isolation.valueOf(args[0]))
                .withWorkDirectory(Path.of(args[1])).withWorkerTimeout(Duration.ofMinutes(2));
        JarAnalysis analysis = new JarAnalyzer(settings).analyze(Path.of(args[2]), args[3]);
        System.out.println(analysis.accepted() ? "ACCEPTED" : "REFUSED " + analysis.findings());
    }
}
