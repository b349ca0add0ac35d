package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import java.util.Map;

/** {@link DownloadApiTest} in production's shape: PostgreSQL, and JAR bytes in an S3-compatible store (S3Proxy). */
class DownloadApiS3Test extends DownloadApiTest {

    @Override
    Map<String, Object> database() {
        return TestStores.s3(TestDatabases.freshPostgresSchema());
    }
}
