package dev.flinkregistry.analysisservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The remote analysis service: the registry's analyzer behind a small HTTP API, run as its own process
 * (and, on Kubernetes, its own pod) with no database, no data volume and no outbound network.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalysisServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalysisServiceApplication.class, args);
    }
}
