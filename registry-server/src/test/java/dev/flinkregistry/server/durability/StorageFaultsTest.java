package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.StallingProxy;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The object store fails under a running registry (PostgreSQL, an S3-compatible store reached
 * through a proxy that can hang): a store that hangs and a store that is gone each make uploads and
 * downloads answer 503 STORAGE_UNAVAILABLE with Retry-After, within the configured timeout, with
 * nothing committed (no connector, version or object) and the registry serving again once the store
 * is back. A replica still serves the JARs it keeps a copy of (registry.storage.s3.cache-size), and
 * stores nothing new.
 */
class StorageFaultsTest {

    @TempDir
    Path temp;

    private S3Server store;
    private StallingProxy proxy;
    private RunningRegistry registry;
    private Map<String, Object> database;
    private Map<String, Object> properties;
    private String bucket;

    @BeforeEach
    void start() throws IOException {
        store = S3Server.startUnder(Files.createDirectories(temp.resolve("s3")));
        proxy = new StallingProxy(store.port());
        bucket = store.newBucket();
        database = TestDatabases.freshPostgresSchema();
        Map<String, Object> properties = new LinkedHashMap<>(database);
        properties.put("registry.storage.s3.bucket", bucket);
        properties.put("registry.storage.s3.endpoint", "http://127.0.0.1:" + proxy.port());
        properties.put("registry.storage.s3.path-style", "true");
        properties.put("registry.storage.s3.timeout", "2s");
        this.properties = properties;
        S3Server.shared();  // its keys are the test keys of every S3Server, found by the SDK's default chain
        // Without the replica's copies, so that downloads go to the store (see the last test).
        registry = RunningRegistry.start(temp.resolve("server"), with("registry.storage.s3.cache-size", "0"));
    }

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(properties);
        changed.put(key, value);
        return changed;
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        proxy.close();
        store.close();
    }

    @Test
    void aHangingStoreFailsUploadsAndDownloadsWithStorageUnavailableAndCommitsNothing() throws Exception {
        Answer first = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String sha = first.json().path("version").path("sha256").asString();
        int objectsBefore = objects();

        proxy.stall(true);
        long started = System.nanoTime();
        Answer update = registry.http().update("sequence", TestJars.sequenceV2());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        Answer download = registry.http().get(DEFAULT + "/jars/" + sha);
        proxy.stall(false);
        proxy.cutAll();

        assertUnavailable(update);
        assertUnavailable(download);
        System.out.printf("A hanging store: the update answered 503 after %d ms (timeout 2 s, SDK retries included)%n",
                tookMillis);
        assertThat(versions("sequence")).as("nothing committed").isEqualTo(1);
        assertThat(objects()).isEqualTo(objectsBefore);

        Answer retried = registry.http().update("sequence", TestJars.sequenceV2());
        assertThat(retried.status()).as("the store is back: " + retried.text()).isEqualTo(201);
        assertThat(registry.http().get(DEFAULT + "/jars/" + sha).bytes()).isEqualTo(Files.readAllBytes(TestJars.sequenceV1()));
    }

    @Test
    void aStoreThatIsGoneFailsUploadsAndDownloadsWithStorageUnavailableAndCommitsNothing() throws Exception {
        Answer first = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String sha = first.json().path("version").path("sha256").asString();

        proxy.close();
        Answer update = registry.http().update("sequence", TestJars.sequenceV2());
        Answer download = registry.http().get(DEFAULT + "/connectors/sequence/versions/1/jar");

        assertUnavailable(update);
        assertUnavailable(download);
        assertThat(versions("sequence")).as("no version 2").isEqualTo(1);
        try (Connection db = DatabaseAccess.postgres(database); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select count(*) from connector_version")) {
            rows.next();
            assertThat(rows.getInt(1)).as("only the first version, in the database too").isEqualTo(1);
        }
        assertThat(store.objectFile(bucket, "blobs/" + sha.substring(0, 2) + "/" + sha + ".jar")).exists();
        assertThat(objects()).isEqualTo(1);
    }

    @Test
    void aReplicaServesTheJarsItKeepsWhileTheStoreIsGoneAndStoresNothingNew() throws Exception {
        registry.close();
        // The same data directory and database: the same administrator token.
        registry = RunningRegistry.start(temp.resolve("server"), with("registry.storage.s3.cache-size", "1GB"));
        Answer first = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String sha = first.json().path("version").path("sha256").asString();

        proxy.close();
        Answer kept = registry.http().get(DEFAULT + "/jars/" + sha);
        Answer update = registry.http().update("sequence", TestJars.sequenceV2());

        assertThat(kept.status()).isEqualTo(200);
        assertThat(TestJars.sha256(kept.bytes())).as("its own copy, checked when it was kept").isEqualTo(sha);
        assertUnavailable(update);
        assertThat(versions("sequence")).as("no version 2").isEqualTo(1);
        assertThat(objects()).isEqualTo(1);
    }

    private static void assertUnavailable(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(answer.header("Retry-After")).isEqualTo("30");
    }

    private int versions(String connector) {
        return registry.http().get(DEFAULT + "/connectors/" + connector + "/versions").json().size();
    }

    private int objects() throws IOException {
        Path blobs = store.objectFile(bucket, "blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }
}
