package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/**
 * {@link AnalysisApiTest} with every analysis done by the remote analysis service (its packaged JAR, its
 * own process, over HTTP), on the embedded H2 database: the same answers as with the local sandbox.
 */
class AnalysisApiRemoteTest extends AnalysisApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @Override
    Map<String, Object> settings() {
        return AnalysisServiceProcess.shared().serverSettings();
    }
}
