package dev.flinkregistry.server.analysis;

import static dev.flinkregistry.server.config.Settings.atLeast;
import static dev.flinkregistry.server.config.Settings.between;
import static dev.flinkregistry.server.config.Settings.httpUrl;
import static dev.flinkregistry.server.config.Settings.positive;
import static dev.flinkregistry.server.config.Settings.required;

import dev.flinkregistry.analyzer.Isolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How JARs are analysed ({@code registry.analysis.*}); the defaults are in {@code application.yml}.
 *
 * @param timeout time limit for loading a JAR's factories in the sandbox
 * @param heap heap of the sandboxed analysis JVM
 * @param maxConcurrent analyses run at once; more wait their turn
 * @param javaHome the Java the sandboxed analysis runs on (unset: this one, or a newer JDK installed
 *     beside it when a Flink version runs on a newer Java)
 * @param isolation how workers are isolated by the operating system: {@code auto} (bubblewrap or
 *     util-linux, whichever works here), {@code bubblewrap}, {@code unshare}, or {@code none} (an
 *     operator's explicit choice to run uploaded code unisolated, e.g. for a trial on a laptop)
 * @param cpuTime the CPU time one worker may use
 * @param warmWorkers workers kept started, warmed up and waiting, per Flink version, so that an
 *     analysis does not wait for a JVM to start; each serves one analysis and is replaced at once.
 *     An idle one costs about 60 MiB of memory and no CPU; 0 starts every worker on demand
 * @param remote the remote analysis service that analyses instead of this server's own workers;
 *     null or without a URL: analyses run here
 */
@ConfigurationProperties("registry.analysis")
public record AnalysisProperties(Duration timeout, DataSize heap, int maxConcurrent, Path javaHome,
                                 Isolation isolation, Duration cpuTime, int warmWorkers, Remote remote) {

    /** The shortest bearer secret accepted between the server and the analysis service. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public AnalysisProperties {
        positive(timeout, "registry.analysis.timeout");
        required(isolation, "registry.analysis.isolation");
        positive(cpuTime, "registry.analysis.cpu-time");
        atLeast(heap, DataSize.ofMegabytes(64), "registry.analysis.heap");
        between(maxConcurrent, 1, 64, "registry.analysis.max-concurrent");
        between(warmWorkers, 0, 16, "registry.analysis.warm-workers");
        if (javaHome != null && !Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("registry.analysis.java-home must be a Java installation with bin/java, not "
                    + javaHome);
        }
    }

    /** Whether analyses run in the remote analysis service rather than here. */
    public boolean remoteEnabled() {
        return remote != null && remote.url() != null && !remote.url().isBlank();
    }

    /**
     * The remote analysis service ({@code registry.analysis.remote.*}).
     *
     * @param url its base address, e.g. {@code http://registry-analysis:8081}; unset or empty: none
     * @param token the bearer secret the service expects (at least {@value #MIN_TOKEN_LENGTH} characters)
     */
    public record Remote(String url, String token) {

        public Remote {
            if (url != null && !url.isBlank()) {
                httpUrl(url, "registry.analysis.remote.url");
                if (token == null || token.strip().length() < MIN_TOKEN_LENGTH) {
                    throw new IllegalArgumentException("registry.analysis.remote.token must be set, to the analysis "
                            + "service's secret of at least " + MIN_TOKEN_LENGTH + " characters, when "
                            + "registry.analysis.remote.url is");
                }
                token = token.strip();
            }
        }

        /** Never the token: settings end up in logs and failure analyses. */
        @Override
        public String toString() {
            return "Remote[url=" + url + ", token=" + (token == null ? "unset" : "(secret)") + "]";
        }
    }
}
