package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UploadLimitApiTest} on the embedded H2 database. */
class UploadLimitApiH2Test extends UploadLimitApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
