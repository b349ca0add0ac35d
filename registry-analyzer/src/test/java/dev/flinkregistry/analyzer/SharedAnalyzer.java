package dev.flinkregistry.analyzer;

import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One analyzer per test JVM whose analyses are cached, so each test JAR ({@link TestJars}) is analysed
 * at most once per Flink version.
 */
public final class SharedAnalyzer {

    public static final String FLINK_1 = "1.20";
    public static final String FLINK_2 = "2.2";

    private static final Map<String, JarAnalysis> ANALYSES = new ConcurrentHashMap<>();

    private SharedAnalyzer() {}

    /** Where the analyzer unpacks Flink and gives workers scratch directories: target/analyzer-work. */
    public static Path workDirectory() {
        return TestJars.directory().getParent().resolve("analyzer-work");
    }

    /**
     * The settings of the shared analyzer: defaults with a 5 s worker timeout, isolated automatically;
     * where no isolation works and this is not CI, without isolation (see {@link Shared}).
     */
    public static AnalyzerSettings settings() {
        return analyzer().settings();
    }

    private static AnalyzerSettings isolatedSettings() {
        return AnalyzerSettings.defaults().withWorkerTimeout(Duration.ofSeconds(5)).withWorkDirectory(workDirectory());
    }

    /** The analyzer shared by every test of this JVM (loading the Flink runtimes takes a while). */
    public static JarAnalyzer analyzer() {
        return Shared.ANALYZER;
    }

    /** An analyzer with other limits that reuses the shared analyzer's Flink runtimes. */
    public static JarAnalyzer analyzer(UnaryOperator<AnalyzerSettings> customize) {
        return new JarAnalyzer(customize.apply(settings()), analyzer().runtimes());
    }

    /** The shared analyzer's analysis of the JAR for the Flink line, computed once per JVM. */
    public static JarAnalysis analysis(Path jar, String flinkLine) {
        return ANALYSES.computeIfAbsent(jar.toAbsolutePath() + "@" + flinkLine, key -> {
            try {
                return analyzer().analyze(jar, flinkLine);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not analyse " + jar, e);
            }
        });
    }

    /**
     * Holder idiom: the analyzer is built on first use, once, thread-safely. On a developer's machine
     * without a working sandbox (macOS, a locked-down container) the tests that are not about isolation
     * still run, unisolated, with a warning; on CI (CI=true) they fail, as analyses are refused there.
     */
    private static final class Shared {
        static final JarAnalyzer ANALYZER = create();

        private static JarAnalyzer create() {
            JarAnalyzer isolated = new JarAnalyzer(isolatedSettings());
            IsolationStatus status = isolated.isolation();
            if (status.available() || Isolations.onCi()) {
                return isolated;
            }
            System.err.println("WARNING: " + status.reason() + " The analyzer's tests run their JARs without "
                    + "isolation here; the isolation tests are skipped. On CI (CI=true) they fail instead.");
            return new JarAnalyzer(isolatedSettings().withIsolation(Isolation.NONE), isolated.runtimes());
        }
    }
}
