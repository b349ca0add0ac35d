package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ExplainApiTest} on the embedded H2 database. */
class ExplainApiH2Test extends ExplainApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
