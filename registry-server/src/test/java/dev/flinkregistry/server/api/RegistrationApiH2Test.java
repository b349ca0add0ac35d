package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link RegistrationApiTest} on the embedded H2 database. */
class RegistrationApiH2Test extends RegistrationApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
