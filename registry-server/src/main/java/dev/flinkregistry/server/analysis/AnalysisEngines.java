package dev.flinkregistry.server.analysis;

import dev.flinkregistry.server.storage.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses where analyses run: the remote analysis service when {@code registry.analysis.remote.url}
 * is set (then no worker or sandbox of this server is started or probed), else this server's own
 * sandboxed workers.
 */
@Configuration(proxyBeanMethods = false)
class AnalysisEngines {

    @Bean(destroyMethod = "close")
    AnalysisEngine analysisEngine(AnalysisProperties properties, StorageProperties storage, JsonMapper json) {
        if (properties.remoteEnabled()) {
            return new RemoteAnalysis(properties.remote(), properties.timeout(), json);
        }
        return new LocalAnalysis(properties, storage.analysis());
    }
}
