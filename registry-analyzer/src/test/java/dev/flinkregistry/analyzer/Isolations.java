package dev.flinkregistry.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The isolation mechanisms the sandbox tests run against, each of them: on CI every one must work
 * (a missing one fails the build); on a developer's machine a missing one skips, saying why.
 */
final class Isolations {

    private static final Map<Isolation, JarAnalyzer> LATEST = new ConcurrentHashMap<>();

    private Isolations() {}

    /** The mechanisms, for {@code @MethodSource}. */
    static Stream<Isolation> mechanisms() {
        return Stream.of(Isolation.BUBBLEWRAP, Isolation.UNSHARE);
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * An analyzer isolated by this mechanism, with the shared test settings customised. It keeps a
     * warm worker per Flink version, as a server does, so these tests run hostile JARs in pre-started
     * workers too; the one made before for the mechanism is closed (its waiting workers end), so
     * that idle workers do not pile up over a test run. A closed analyzer still works.
     */
    static JarAnalyzer analyzer(Isolation mechanism, UnaryOperator<AnalyzerSettings> customize) {
        JarAnalyzer analyzer = SharedAnalyzer.analyzer(settings -> customize.apply(settings).withIsolation(mechanism));
        JarAnalyzer previous = LATEST.put(mechanism, analyzer);
        if (previous != null) {
            previous.close();
        }
        IsolationStatus status = analyzer.isolation();
        if (!status.available()) {
            if (onCi()) {
                fail(mechanism + " isolation must work on CI, but: " + status.reason());
            }
            Assumptions.abort(mechanism + " isolation does not work here, so this test is skipped: "
                    + status.reason());
        }
        assertThat(status.isolated()).isTrue();
        assertThat(status.mechanism()).isEqualTo(mechanism);
        return analyzer;
    }

    /** Closes the analyzers made here, so that none of their workers waits. */
    static void closeAll() {
        LATEST.values().forEach(JarAnalyzer::close);
    }

    static JarAnalyzer analyzer(Isolation mechanism) {
        return analyzer(mechanism, UnaryOperator.identity());
    }
}
