package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link StoredJarIntegrityApiTest} on the embedded H2 database. */
class StoredJarIntegrityApiH2Test extends StoredJarIntegrityApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
