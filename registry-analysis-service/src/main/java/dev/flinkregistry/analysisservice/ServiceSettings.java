package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.Isolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The service's settings ({@code registry.analysis.*}, the names the registry server uses for the same
 * things); the defaults are in {@code application.yml}. A bad value stops the start with its name.
 *
 * @param timeout time limit for loading a JAR's factories in the sandbox
 * @param heap heap of the sandboxed analysis JVM
 * @param maxConcurrent analyses run at once
 * @param queueTimeout how long a request waits for one of those slots before it is answered 503 ANALYSIS_BUSY
 * @param javaHome the Java the workers run on (unset: this one)
 * @param isolation {@code auto}, {@code bubblewrap}, {@code unshare}, or {@code none} (uploaded code unisolated)
 * @param cpuTime the CPU time one worker may use
 * @param warmWorkers workers kept started and waiting per Flink version
 * @param workDir the only directory the service writes: received JARs and the analyzer's scratch
 * @param maxJarSize the largest JAR accepted, and the largest of each dependency JAR
 * @param maxDependencies the most dependency JARs one analysis takes
 * @param maxDependenciesSize the most bytes of one analysis's dependency JARs together
 * @param remote the bearer secret every request must carry
 */
@ConfigurationProperties("registry.analysis")
record ServiceSettings(Duration timeout, DataSize heap, int maxConcurrent, Duration queueTimeout, Path javaHome,
                       Isolation isolation, Duration cpuTime, int warmWorkers, Path workDir, DataSize maxJarSize,
                       int maxDependencies, DataSize maxDependenciesSize, Remote remote) {

    /** The shortest bearer secret accepted (the server insists on the same). */
    static final int MIN_TOKEN_LENGTH = 32;

    ServiceSettings {
        positive(timeout, "registry.analysis.timeout");
        positive(queueTimeout, "registry.analysis.queue-timeout");
        positive(cpuTime, "registry.analysis.cpu-time");
        required(isolation, "registry.analysis.isolation");
        required(workDir, "registry.analysis.work-dir");
        if (required(heap, "registry.analysis.heap").toMegabytes() < 64) {
            throw new IllegalArgumentException("registry.analysis.heap must be at least 64MB, not " + heap);
        }
        if (required(maxJarSize, "registry.analysis.max-jar-size").toBytes() < 1) {
            throw new IllegalArgumentException("registry.analysis.max-jar-size must be at least 1B");
        }
        between(maxConcurrent, 1, 64, "registry.analysis.max-concurrent");
        between(maxDependencies, 0, 256, "registry.analysis.max-dependencies");
        if (required(maxDependenciesSize, "registry.analysis.max-dependencies-size").isNegative()) {
            throw new IllegalArgumentException("registry.analysis.max-dependencies-size must not be negative");
        }
        between(warmWorkers, 0, 16, "registry.analysis.warm-workers");
        if (javaHome != null && !Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("registry.analysis.java-home must be a Java installation with bin/java, "
                    + "not " + javaHome);
        }
        remote = remote == null ? new Remote(null, false) : remote;
    }

    /**
     * Who may call ({@code registry.analysis.remote.*}).
     *
     * @param token the bearer secret (REGISTRY_ANALYSIS_REMOTE_TOKEN), at least {@value #MIN_TOKEN_LENGTH} characters
     * @param allowNoToken an operator's explicit choice to answer anyone, when no token is set (a trial on a laptop)
     */
    record Remote(String token, boolean allowNoToken) {

        Remote {
            token = token == null || token.isBlank() ? null : token.strip();
            if (token == null && !allowNoToken) {
                throw new IllegalArgumentException("registry.analysis.remote.token must be set (at least "
                        + MIN_TOKEN_LENGTH + " characters, the same as the registry server's): the service runs "
                        + "uploaded code for whoever calls it. Only for a trial, set "
                        + "registry.analysis.remote.allow-no-token=true to answer anyone.");
            }
            if (token != null && token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("registry.analysis.remote.token must be at least "
                        + MIN_TOKEN_LENGTH + " characters, not " + token.length());
            }
        }

        /** Never the token: settings end up in logs and failure analyses. */
        @Override
        public String toString() {
            return "Remote[token=" + (token == null ? "unset" : "(secret)") + ", allowNoToken=" + allowNoToken + "]";
        }
    }

    private static <T> T required(T value, String property) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set");
        }
        return value;
    }

    private static void positive(Duration value, String property) {
        if (required(value, property).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be longer than 0, not " + value);
        }
    }

    private static void between(int value, int minimum, int maximum, String property) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(property + " must be between " + minimum + " and " + maximum
                    + ", not " + value);
        }
    }
}
