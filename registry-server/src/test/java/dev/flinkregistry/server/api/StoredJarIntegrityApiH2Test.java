package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StoredJarIntegrityApiTest} on the embedded H2 database, with the file store's own promise. */
class StoredJarIntegrityApiH2Test extends StoredJarIntegrityApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    /** The file store's files say to anything on this machine that they are never written again. */
    @Test
    void storesJarsAsReadOnlyFiles() throws IOException {
        String workspace = newWorkspace();
        registered(workspace, "sequence", TestJars.sequenceV1());

        Path stored = blobFile(sha256(bytes(TestJars.sequenceV1())));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("r--r--r--");
    }
}
