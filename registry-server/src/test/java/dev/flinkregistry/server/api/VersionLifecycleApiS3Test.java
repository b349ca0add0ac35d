package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import java.util.Map;

/** {@link VersionLifecycleApiTest} in production's shape: PostgreSQL, and JAR bytes in an S3-compatible store (S3Proxy). */
class VersionLifecycleApiS3Test extends VersionLifecycleApiTest {

    @Override
    Map<String, Object> database() {
        return TestStores.s3(TestDatabases.freshPostgresSchema());
    }
}
