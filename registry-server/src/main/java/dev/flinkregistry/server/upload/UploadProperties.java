package dev.flinkregistry.server.upload;

import static dev.flinkregistry.server.config.Settings.atLeast;
import static dev.flinkregistry.server.config.Settings.between;
import static dev.flinkregistry.server.config.Settings.positive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How JARs are received ({@code registry.uploads.*}); the defaults are in {@code application.yml}.
 *
 * @param maxJarSize largest JAR accepted, by upload or URL (413 above)
 * @param maxConcurrent uploads received at once, from all clients (503 above)
 * @param maxConcurrentPerClient uploads received at once from one client (429 above)
 * @param idleTimeout how long an upload's body may send nothing before it is cut (408)
 * @param maxDependencies most dependency JARs one version carries (413 above)
 * @param maxDependenciesSize most bytes of one version's dependency JARs together (413 above); each is
 *     also bounded by {@code maxJarSize}
 */
@ConfigurationProperties("registry.uploads")
public record UploadProperties(DataSize maxJarSize, int maxConcurrent, int maxConcurrentPerClient,
                               Duration idleTimeout, int maxDependencies, DataSize maxDependenciesSize) {

    public UploadProperties {
        atLeast(maxJarSize, DataSize.ofKilobytes(1), "registry.uploads.max-jar-size");
        between(maxConcurrent, 1, 10_000, "registry.uploads.max-concurrent");
        between(maxConcurrentPerClient, 1, maxConcurrent, "registry.uploads.max-concurrent-per-client");
        positive(idleTimeout, "registry.uploads.idle-timeout");
        between(maxDependencies, 0, 1_000, "registry.uploads.max-dependencies");
        atLeast(maxDependenciesSize, DataSize.ofBytes(0), "registry.uploads.max-dependencies-size");
    }
}
