package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ProtocolApiTest} on the embedded H2 database. */
class ProtocolApiH2Test extends ProtocolApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
