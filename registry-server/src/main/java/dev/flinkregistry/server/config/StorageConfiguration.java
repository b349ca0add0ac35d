package dev.flinkregistry.server.config;

import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.storage.FileSystemBlobStore;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob store: a local directory under the data directory unless another store is configured. */
@Configuration
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean(BlobStore.class)
    BlobStore fileSystemBlobStore(RegistryProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.dataDir().resolve("blobs"));
    }
}
