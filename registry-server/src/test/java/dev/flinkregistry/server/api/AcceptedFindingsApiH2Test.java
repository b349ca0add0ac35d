package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link AcceptedFindingsApiTest} on the embedded H2 database. */
class AcceptedFindingsApiH2Test extends AcceptedFindingsApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
