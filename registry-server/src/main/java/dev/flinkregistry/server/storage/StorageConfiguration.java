package dev.flinkregistry.server.storage;

import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blob store: a local directory under the data directory unless another store is configured.
 * The rest of the server sees only {@link BlobStore}.
 */
@Configuration
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    BlobStore fileSystemBlobStore(StorageProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.blobs());
    }
}
