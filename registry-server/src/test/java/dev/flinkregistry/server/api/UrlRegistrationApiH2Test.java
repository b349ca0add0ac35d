package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UrlRegistrationApiTest} on the embedded H2 database. */
class UrlRegistrationApiH2Test extends UrlRegistrationApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
