package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UpdateApiTest} on the embedded H2 database. */
class UpdateApiH2Test extends UpdateApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
