package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link DownloadApiTest} on the embedded H2 database. */
class DownloadApiH2Test extends DownloadApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
