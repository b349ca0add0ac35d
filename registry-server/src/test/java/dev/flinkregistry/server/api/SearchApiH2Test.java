package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link SearchApiTest} on the embedded H2 database. */
class SearchApiH2Test extends SearchApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
