package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link WorkspaceApiTest} on the embedded H2 database. */
class WorkspaceApiH2Test extends WorkspaceApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
