package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link AnalysisApiTest} on the embedded H2 database. */
class AnalysisApiH2Test extends AnalysisApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
