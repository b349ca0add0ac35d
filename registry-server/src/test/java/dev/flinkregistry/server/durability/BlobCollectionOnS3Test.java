package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.server.support.TestStores;
import dev.flinkregistry.testsupport.S3Server;
import java.time.Instant;
import java.util.Map;

/**
 * {@link BlobCollectionContract} on PostgreSQL with the bytes in an S3-compatible store (S3Proxy):
 * the objects are aged through the server's files, whose times S3Proxy reports as LastModified.
 */
class BlobCollectionOnS3Test extends BlobCollectionContract {

    private String bucket;

    @Override
    protected Map<String, Object> newDatabase() {
        Map<String, Object> properties = TestStores.s3(TestDatabases.freshPostgresSchema());
        bucket = properties.get("registry.storage.s3.bucket").toString();
        return properties;
    }

    @Override
    protected void ageBlob(String sha, Instant when) {
        S3Server.shared().age(bucket, "blobs/" + sha.substring(0, 2) + "/" + sha + ".jar", when);
    }
}
