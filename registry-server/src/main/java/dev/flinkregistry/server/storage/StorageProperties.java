package dev.flinkregistry.server.storage;

import static dev.flinkregistry.server.config.Settings.positive;
import static dev.flinkregistry.server.config.Settings.required;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the registry keeps its data ({@code registry.storage.*}); the defaults are in
 * {@code application.yml}.
 *
 * @param dataDir the embedded database, stored JARs and scratch files live under it
 * @param blobGracePeriod how old unreferenced stored bytes and abandoned uploads must be before they are collected
 * @param collectionInterval how often the collector looks for them
 * @param scrubInterval how often every stored JAR is hashed again to find bytes that changed
 */
@ConfigurationProperties("registry.storage")
public record StorageProperties(Path dataDir, Duration blobGracePeriod, Duration collectionInterval,
                                Duration scrubInterval) {

    public StorageProperties {
        required(dataDir, "registry.storage.data-dir");
        positive(blobGracePeriod, "registry.storage.blob-grace-period");
        positive(collectionInterval, "registry.storage.collection-interval");
        positive(scrubInterval, "registry.storage.scrub-interval");
    }

    /** Stored JAR bytes. */
    public Path blobs() {
        return dataDir.resolve("blobs");
    }

    /** Uploads being received, before they are stored or refused. */
    public Path scratch() {
        return dataDir.resolve("tmp");
    }

    /** The analyzer's work directory: unpacked runtimes, the worker, scratch directories of running analyses. */
    public Path analysis() {
        return dataDir.resolve("analysis").toAbsolutePath();
    }
}
