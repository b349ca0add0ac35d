package dev.flinkregistry.server.storage;

import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blob store: an S3-compatible bucket when {@code registry.storage.s3.bucket} is set (with the
 * replica's own copies in {@code <data-dir>/cache} unless {@code cache-size} is 0), otherwise a
 * local directory under the data directory. The rest of the server sees only {@link BlobStore}.
 */
@Configuration
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    BlobStore configuredBlobStore(StorageProperties properties, S3StorageProperties s3) throws IOException {
        if (!s3.enabled()) {
            return new FileSystemBlobStore(properties.blobs());
        }
        S3BlobStore store = S3BlobStore.create(s3, http -> { });
        return s3.cacheSize().toBytes() > 0
                ? new ReplicaCache(store, properties.dataDir().resolve("cache"), s3.cacheSize().toBytes()) : store;
    }
}
