package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link DependenciesApiTest} on the embedded H2 database. */
class DependenciesApiH2Test extends DependenciesApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
