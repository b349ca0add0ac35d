package dev.flinkregistry.server.durability;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link BlobCollectionContract} on the embedded H2 database file. */
class BlobCollectionOnH2Test extends BlobCollectionContract {

    @Override
    protected Map<String, Object> newDatabase() {
        return TestDatabases.h2();
    }
}
