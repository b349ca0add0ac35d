package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ResolveApiTest} on the embedded H2 database. */
class ResolveApiH2Test extends ResolveApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
