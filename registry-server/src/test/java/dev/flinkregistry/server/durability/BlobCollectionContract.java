package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.housekeeping.BlobCollector;
import dev.flinkregistry.server.storage.BlobClaims;
import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.storage.StorageProperties;
import dev.flinkregistry.server.support.JarVariants;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.upload.JarReceiver;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DESIGN rule 7, the part of a crash that cannot be timed from outside: bytes stored by a
 * registration that never committed. They are put straight into the server's blob store with no
 * version referencing them, and aged by setting the file's time (as if stored before the grace
 * period), then the server's own collector runs with the server's own grace period. Run on H2 and
 * on PostgreSQL by the subclasses (whether bytes are referenced is a database question).
 *
 * <p>Scenarios:
 * <ul>
 *   <li>Stored but not committed, older than the grace period: collected.</li>
 *   <li>Referenced by a registered version, just as old: kept, and still downloadable.</li>
 *   <li>Unreferenced but younger than the grace period (a registration about to commit): kept.</li>
 *   <li>An abandoned partial upload in {@code <data>/tmp} older than the grace period: deleted; one
 *       younger (an upload in progress): kept.</li>
 *   <li>Old unreferenced bytes stored again (a new registration of the same JAR, before its commit):
 *       kept, because storing touches them.</li>
 *   <li>The bytes of a deleted version: collected; those of the remaining current version: kept.</li>
 *   <li>A dependency JAR attached to a version: kept while any version carries it, a leased one
 *       included (a leased version cannot be deleted); collected once the last version that carried it is
 *       deleted, and its rows of the class index ({@code dependency_class}) with it (kept while referenced).</li>
 *   <li>Old unreferenced bytes another replica's registration has claimed: kept; a registration that
 *       claims while the collector deletes waits, then stores them again.</li>
 * </ul>
 */
abstract class BlobCollectionContract {

    @TempDir
    Path temp;

    private RunningRegistry registry;
    private BlobStore blobs;
    private Duration grace;

    /** The Spring properties of a new, empty database for one test's server. */
    protected abstract Map<String, Object> newDatabase();

    @BeforeEach
    void startServer() {
        registry = RunningRegistry.start(temp.resolve("server"), newDatabase());
        blobs = registry.bean(BlobStore.class);
        grace = registry.bean(StorageProperties.class).blobGracePeriod();
    }

    @AfterEach
    void stopServer() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void collectsOnlyUnreferencedBytesAndAbandonedUploadsOlderThanTheGracePeriod() throws IOException {
        Answer registered = registry.http().register("sequence", TestJars.sequenceV1());
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String referenced = registered.json().path("version").path("sha256").asString();
        String uncommitted = storeUnreferenced("stored-not-committed");
        String young = storeUnreferenced("about-to-commit");
        Path scratch = registry.bean(JarReceiver.class).scratchDirectory();
        Path abandoned = Files.writeString(scratch.resolve("upload-abandoned.part"), "half a JAR");
        Path inProgress = Files.writeString(scratch.resolve("upload-in-progress.part"), "a JAR arriving");

        Instant beforeGrace = Instant.now().minus(grace.multipliedBy(2));
        ageBlob(referenced, beforeGrace);
        ageBlob(uncommitted, beforeGrace);
        age(abandoned, beforeGrace);

        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().minus(grace));

        assertThat(collected.blobs()).containsExactly(uncommitted);
        assertThat(collected.partialUploads()).isEqualTo(1);
        assertThat(blobs.exists(uncommitted)).as("stored, never committed, older than the grace period").isFalse();
        assertThat(blobs.exists(referenced)).as("referenced by version 1").isTrue();
        assertThat(blobs.exists(young)).as("younger than the grace period").isTrue();
        assertThat(abandoned).doesNotExist();
        assertThat(inProgress).exists();

        Answer download = registry.http().get(DEFAULT + "/jars/" + referenced);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(Files.readAllBytes(TestJars.sequenceV1()));
        assertThat(registry.http().get(DEFAULT + "/connectors/sequence").json().path("currentVersion").asInt())
                .isEqualTo(1);
    }

    @Test
    void oldUnreferencedBytesStoredAgainBeforeACommitAreNotCollected() throws IOException {
        Path jar = JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("jars/again.jar"), "again");
        String sha = storeUnreferenced(jar);
        ageBlob(sha, Instant.now().minus(grace.multipliedBy(2)));

        // A new registration of the same JAR stores it again, then (later) commits.
        Path second = Files.copy(jar, temp.resolve("jars/again-second.jar"));
        blobs.put(sha, second);

        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().minus(grace));
        assertThat(collected.blobs()).isEmpty();
        assertThat(blobs.exists(sha)).isTrue();
        try (java.io.InputStream stored = blobs.open(sha, 0)) {
            assertThat(stored.readAllBytes()).isEqualTo(Files.readAllBytes(jar));
        }
    }

    @Test
    void bytesOfADeletedVersionAreCollectedAndThoseOfTheCurrentVersionStay() throws IOException {
        assertThat(registry.http().register("sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
        Answer update = registry.http().update("sequence", TestJars.sequenceV2());
        assertThat(update.status()).as(update.text()).isEqualTo(201);
        String v1 = JarVariants.sha256(TestJars.sequenceV1());
        String v2 = update.json().path("version").path("sha256").asString();
        assertThat(registry.http().delete(DEFAULT + "/connectors/sequence/versions/1").status()).isEqualTo(204);

        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().plusSeconds(1));

        assertThat(collected.blobs()).containsExactly(v1);
        assertThat(blobs.exists(v1)).isFalse();
        assertThat(blobs.exists(v2)).isTrue();
        assertThat(registry.http().get(DEFAULT + "/jars/" + v2).status()).isEqualTo(200);
    }

    /**
     * Another replica's registration claimed the digest (it is about to store and commit these very
     * bytes) after this collector listed them as old and unreferenced: they stay.
     */
    @Test
    void oldUnreferencedBytesAnotherReplicaHasClaimedAreNotCollected() throws IOException {
        String sha = storeUnreferenced("claimed-elsewhere");
        ageBlob(sha, Instant.now().minus(grace.multipliedBy(2)));
        registry.bean(BlobClaims.class).claim(sha);

        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().minus(grace));

        assertThat(collected.blobs()).isEmpty();
        assertThat(blobs.exists(sha)).isTrue();
    }

    /**
     * The other order: the collector holds the claim and is deleting when a registration claims. The
     * registration waits for the collector's transaction, then stores the bytes again and keeps them.
     */
    @Test
    void aRegistrationClaimingWhileTheCollectorDeletesWaitsThenStoresTheBytesAgain() throws Exception {
        Path jar = JarVariants.withMarker(TestJars.sequenceV1(), temp.resolve("jars/raced.jar"), "raced");
        String sha = storeUnreferenced(jar);
        ageBlob(sha, Instant.now().minus(grace.multipliedBy(2)));
        BlobClaims claims = registry.bean(BlobClaims.class);
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> collector = threads.submit(() -> claims.deleteUnlessClaimedSince(sha,
                    Instant.now().minus(grace), () -> {
                        deleting.countDown();
                        try {
                            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        return blobs.deleteIfUntouchedSince(sha, Instant.now().minus(grace));
                    }));
            assertThat(deleting.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> registration = threads.submit(() -> {
                claims.claim(sha);
                blobs.put(sha, Files.copy(jar, temp.resolve("jars/raced-again.put")));
                return null;
            });
            Thread.sleep(300);
            assertThat(registration.isDone()).as("the claim waits for the collector's transaction").isFalse();

            release.countDown();

            assertThat(collector.get(30, TimeUnit.SECONDS)).as("the collector deleted the old bytes").isTrue();
            registration.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(blobs.exists(sha)).as("stored again by the registration").isTrue();
        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().minus(grace));
        assertThat(collected.blobs()).as("claimed a moment ago: kept").isEmpty();
        assertThat(blobs.exists(sha)).isTrue();
    }

    @Test
    void dependencyBytesStayWhileAVersionCarriesThemEvenALeasedOne() throws IOException {
        Path connector = TestJars.jar("broken-needs-driver");
        Path driver = TestJars.jar("broken-echo-driver");
        Path newDriver = JarVariants.withMarker(driver, temp.resolve("jars/new-driver.jar"), "new");
        Answer v1 = registry.http().post(DEFAULT + "/connectors?name=echo", MultipartForm.CONTENT_TYPE,
                MultipartForm.of(connector, driver));
        assertThat(v1.status()).as(v1.text()).isEqualTo(201);
        Answer leased = registry.http().postJson(DEFAULT + "/resolve", Map.of("identifiers",
                java.util.List.of(Map.of("identifier", "driver-backed")), "jobId", "job-1"));
        assertThat(leased.status()).as(leased.text()).isEqualTo(200);
        Answer v2 = registry.http().post(DEFAULT + "/connectors/echo/versions", MultipartForm.CONTENT_TYPE,
                MultipartForm.of(connector, newDriver));
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        String oldSha = JarVariants.sha256(driver);

        assertThat(registry.http().delete(DEFAULT + "/connectors/echo/versions/1").status()).as("leased").isEqualTo(409);
        // Everything stored so far counts as older than the grace period (and its claims as expired):
        // only being referenced keeps bytes now.
        assertThat(registry.bean(BlobCollector.class).collect(Instant.now().plusSeconds(1)).blobs()).isEmpty();
        assertThat(blobs.exists(oldSha)).as("carried by the leased version 1").isTrue();
        assertThat(indexedClasses(oldSha)).as("its class index stays with it").isPositive();
        assertThat(registry.http().get(DEFAULT + "/jars/" + oldSha).bytes()).isEqualTo(Files.readAllBytes(driver));

        assertThat(registry.http().delete(DEFAULT + "/leases/job-1").status()).isEqualTo(204);
        assertThat(registry.http().delete(DEFAULT + "/connectors/echo/versions/1").status()).isEqualTo(204);
        BlobCollector.Collected collected = registry.bean(BlobCollector.class).collect(Instant.now().plusSeconds(1));
        assertThat(collected.blobs()).containsExactly(oldSha);
        assertThat(indexedClasses(oldSha)).as("its class index is deleted with its bytes").isZero();
        assertThat(blobs.exists(JarVariants.sha256(newDriver))).as("carried by version 2").isTrue();
        assertThat(indexedClasses(JarVariants.sha256(newDriver))).as("version 2's driver stays indexed").isPositive();
        assertThat(blobs.exists(JarVariants.sha256(connector))).as("version 2's own JAR").isTrue();
    }

    /** How many classes the dependency JAR index ({@code dependency_class}) holds for a digest. */
    private int indexedClasses(String sha256) {
        return registry.bean(JdbcTemplate.class).queryForObject(
                "select count(*) from dependency_class where sha256 = ?", Integer.class, sha256);
    }

    /** A {@code multipart/form-data} body: the JAR as {@code file}, then one {@code dependency} part. */
    private static final class MultipartForm {
        static final String BOUNDARY = "blob-collection-test";
        static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

        static byte[] of(Path jar, Path dependency) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            part(body, "file", jar);
            part(body, "dependency", dependency);
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return body.toByteArray();
        }

        private static void part(java.io.ByteArrayOutputStream body, String name, Path file) throws IOException {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Puts a distinct copy of a real JAR into the blob store with no version referencing it. */
    private String storeUnreferenced(String marker) throws IOException {
        return storeUnreferenced(JarVariants.withMarker(TestJars.sequenceV1(),
                temp.resolve("jars/" + marker + ".jar"), marker));
    }

    private String storeUnreferenced(Path jar) throws IOException {
        String sha = JarVariants.sha256(jar);
        // put() takes ownership of (moves) the file, as after an upload.
        blobs.put(sha, Files.copy(jar, temp.resolve("jars/" + sha + ".put")));
        assertThat(blobs.exists(sha)).isTrue();
        return sha;
    }

    /**
     * Makes the stored bytes look last stored at {@code when}, as if stored before the grace period:
     * the file store's file time; a subclass on another store ages them there.
     */
    protected void ageBlob(String sha, Instant when) throws IOException {
        assertThat(blobs.localFile(sha)).as("the file store ages blob files on disk").isPresent();
        age(blobs.localFile(sha).orElseThrow(), when);
    }

    private static void age(Path file, Instant when) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(when));
    }
}
