package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import java.util.Map;

/** {@link UpdateApiTest} in production's shape: PostgreSQL, and JAR bytes in an S3-compatible store (S3Proxy). */
class UpdateApiS3Test extends UpdateApiTest {

    @Override
    Map<String, Object> database() {
        return TestStores.s3(TestDatabases.freshPostgresSchema());
    }
}
