package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ValidateApiTest} on the embedded H2 database. */
class ValidateApiH2Test extends ValidateApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
