package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link VersionLifecycleApiTest} on the embedded H2 database. */
class VersionLifecycleApiH2Test extends VersionLifecycleApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
