package dev.flinkregistry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * A replica's copies of the JARs in an object store (S3Proxy, real): what it uploads is kept and
 * served from the local file even when the store is not asked; another replica keeps a JAR once it
 * has read the whole object and its digest is its name, never a part, a range or bytes that are not
 * what the digest names (a store whose object was tampered with); the least recently used copies go
 * when the size is exceeded; deleting drops the copy, and a listing of the store drops the copies of
 * objects another replica deleted; the scrubber's check still reads the store;
 * a restart keeps finished copies and removes unfinished ones.
 */
class ReplicaCacheTest {

    private static final S3Server SERVER = S3Server.shared();

    @TempDir
    Path temp;

    private final List<S3BlobStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(S3BlobStore::close);
    }

    private S3BlobStore store(String bucket) {
        S3BlobStore store = S3BlobStore.create(new S3StorageProperties(bucket, SERVER.endpoint(), "us-east-1", true,
                "blobs/", null, null, false, Duration.ofMinutes(5), DataSize.ofMegabytes(5), Duration.ofSeconds(5),
                "md5", null, null), http -> { });
        stores.add(store);
        return store;
    }

    private ReplicaCache cache(S3BlobStore store, String name, long maxBytes, Duration inUse) throws IOException {
        return new ReplicaCache(store, temp.resolve(name), maxBytes, inUse);
    }

    private Path scratch(byte[] bytes) {
        return TestJars.write(temp, "upload-" + TestJars.sha256(bytes) + ".jar", bytes);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * The receiver flushes an upload's file only for a store that keeps that file as the stored copy:
     * with the object store the bytes are durable once the store answers, and the file (then this
     * replica's copy, checked again after a restart) is scratch.
     */
    @Test
    void onlyTheFileStoreKeepsTheReceivedFileItself() throws IOException {
        S3BlobStore store = store(SERVER.newBucket());
        assertThat(store.keepsTheFile()).isFalse();
        assertThat(cache(store, "cache", 100_000_000, Duration.ofSeconds(10)).keepsTheFile()).isFalse();
        assertThat(new FileSystemBlobStore(temp.resolve("blobs")).keepsTheFile()).isTrue();
    }

    @Test
    void aJarThisReplicaUploadedIsServedFromItsOwnCopy() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(bucket);
        ReplicaCache cache = cache(store, "cache", 100_000_000, Duration.ofSeconds(10));
        byte[] bytes = TestJars.bytes(6 * 1024 * 1024 + 3, 51);
        String sha = TestJars.sha256(bytes);

        assertThat(cache.store(sha, scratch(bytes))).isEqualTo(sha);

        assertThat(cache.keeps(sha)).isTrue();
        assertThat(cache.localFile(sha)).get().satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(bytes));
        // The store's object goes behind the cache's back: the copy still answers, the store does not.
        Files.delete(SERVER.objectFile(bucket, store.keyOf(sha)));
        assertThat(store.exists(sha)).isFalse();
        assertThat(cache.size(sha)).isEqualTo(bytes.length);
        assertThat(read(cache.open(sha, 1000))).isEqualTo(Arrays.copyOfRange(bytes, 1000, bytes.length));
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(sha + ".jar");
        }
    }

    @Test
    void anotherReplicaKeepsAJarOnlyOnceItReadTheWholeOfItAndItsDigestIsItsName() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(bucket);
        byte[] bytes = TestJars.bytes(300_000, 52);
        String sha = TestJars.sha256(bytes);
        assertThat(store.store(sha, scratch(bytes))).isEqualTo(sha);
        ReplicaCache other = cache(store, "other", 100_000_000, Duration.ofSeconds(10));

        // A part of it, or a range: nothing is kept.
        try (InputStream in = other.open(sha, 0)) {
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(bytes, 10));
        }
        assertThat(read(other.open(sha, 5))).isEqualTo(Arrays.copyOfRange(bytes, 5, bytes.length));
        assertThat(other.keeps(sha)).isFalse();
        // Exactly its bytes, as a download counts them without reading the end: kept.
        try (InputStream in = other.open(sha, 0)) {
            assertThat(in.readNBytes(bytes.length)).isEqualTo(bytes);
        }
        assertThat(other.keeps(sha)).isTrue();
        assertThat(Files.readAllBytes(other.localFile(sha).orElseThrow())).isEqualTo(bytes);
        try (Stream<Path> files = Files.list(temp.resolve("other"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no part file left")
                    .containsExactly(sha + ".jar");
        }
    }

    @Test
    void bytesInTheStoreThatAreNotWhatTheDigestNamesAreNeverKept() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(bucket);
        byte[] bytes = TestJars.bytes(200_000, 53);
        String sha = TestJars.sha256(bytes);
        assertThat(store.store(sha, scratch(bytes))).isEqualTo(sha);
        byte[] tampered = bytes.clone();
        tampered[100_000] ^= 1;
        Files.write(SERVER.objectFile(bucket, store.keyOf(sha)), tampered);
        ReplicaCache other = cache(store, "tampered", 100_000_000, Duration.ofSeconds(10));

        assertThat(read(other.open(sha, 0))).isEqualTo(tampered);

        assertThat(other.keeps(sha)).isFalse();
        assertThat(other.localFile(sha)).isEmpty();
        assertThat(other.keptBytes()).isZero();
        // The scrubber's check reads the store, whatever a replica keeps.
        assertThat(other.digestOf(sha)).isEqualTo(TestJars.sha256(tampered));
    }

    @Test
    void prefetchCopiesAJarAheadOnlyWhenItIsRightSmallEnoughAndNotKeptYet() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(bucket);
        byte[] small = TestJars.bytes(200_000, 54);
        byte[] large = TestJars.bytes(300_000, 55);
        byte[] tampered = TestJars.bytes(100_000, 56);
        for (byte[] bytes : List.of(small, large, tampered)) {
            assertThat(store.store(TestJars.sha256(bytes), scratch(bytes))).isEqualTo(TestJars.sha256(bytes));
        }
        byte[] changed = tampered.clone();
        changed[50_000] ^= 1;
        Files.write(SERVER.objectFile(bucket, store.keyOf(TestJars.sha256(tampered))), changed);
        // A quarter of the space is 250,000 bytes.
        ReplicaCache ahead = cache(store, "ahead", 1_000_000, Duration.ofSeconds(10));

        assertThat(ahead.prefetch(TestJars.sha256(small), small.length)).isTrue();
        assertThat(Files.readAllBytes(ahead.localFile(TestJars.sha256(small)).orElseThrow())).isEqualTo(small);
        assertThat(ahead.prefetch(TestJars.sha256(small), small.length)).as("kept already: nothing read").isFalse();
        assertThat(ahead.prefetch(TestJars.sha256(large), large.length)).as("over a quarter of the space").isFalse();
        assertThatThrownBy(() -> ahead.prefetch(TestJars.sha256(tampered), tampered.length))
                .as("not the bytes its name says").isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> ahead.prefetch(TestJars.sha256(large), 1000))
                .as("more bytes than registered").isInstanceOf(IOException.class).hasMessageContaining("more than");
        assertThat(ahead.keeps(TestJars.sha256(large))).isFalse();
        assertThat(ahead.keeps(TestJars.sha256(tampered))).isFalse();
        assertThat(ahead.keptBytes()).isEqualTo(small.length);
        try (Stream<Path> files = Files.list(temp.resolve("ahead"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no part file left")
                    .containsExactly(TestJars.sha256(small) + ".jar");
        }
        // A JAR the store does not hold: the store's answer, nothing kept.
        assertThatThrownBy(() -> ahead.prefetch("ab".repeat(32), 10)).isInstanceOf(IOException.class);
        assertThat(ahead.keptBytes()).isEqualTo(small.length);
        // Without copies (cache-size 0), nothing is ever read ahead.
        ReplicaCache none = cache(store, "none", 0, Duration.ofSeconds(10));
        assertThat(none.prefetch(TestJars.sha256(small), small.length)).isFalse();
    }

    @Test
    void aCopyMadeAheadNeverPushesOutTheCopiesInUseNorKeepsTheSpaceExceeded() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(bucket);
        ReplicaCache cache = cache(store, "busy", 1_000_000, Duration.ofSeconds(10));
        List<String> inUse = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] bytes = TestJars.bytes(200_000, 60 + i);
            assertThat(cache.store(TestJars.sha256(bytes), scratch(bytes))).isEqualTo(TestJars.sha256(bytes));
            inUse.add(TestJars.sha256(bytes));
        }
        byte[] ahead = TestJars.bytes(250_000, 64);
        String aheadSha = TestJars.sha256(ahead);
        assertThat(store.store(aheadSha, scratch(ahead))).isEqualTo(aheadSha);

        // 800,000 bytes in use plus 250,000 would exceed the space: the copy made ahead goes, not theirs.
        assertThat(cache.prefetch(aheadSha, ahead.length)).isFalse();

        assertThat(inUse).allSatisfy(sha -> assertThat(cache.keeps(sha)).isTrue());
        assertThat(cache.keeps(aheadSha)).isFalse();
        assertThat(cache.keptBytes()).isEqualTo(800_000);
        try (Stream<Path> files = Files.list(temp.resolve("busy"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).as("no part file left")
                    .isEmpty();
        }
        // With room, it is kept.
        cache.delete(inUse.remove(0));
        assertThat(cache.prefetch(aheadSha, ahead.length)).isTrue();
        assertThat(cache.keptBytes()).isEqualTo(850_000);
    }

    @Test
    void theLeastRecentlyUsedCopiesGoWhenTheSizeIsExceeded() throws IOException {
        S3BlobStore store = store(SERVER.newBucket());
        ReplicaCache cache = cache(store, "small", 250_000, Duration.ZERO);
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = TestJars.bytes(100_000, 60 + i);
            shas.add(TestJars.sha256(bytes));
            assertThat(cache.store(shas.get(i), scratch(bytes))).isEqualTo(shas.get(i));
            if (i == 1) {
                // The first is used again: the second is now the least recently used.
                assertThat(cache.localFile(shas.get(0))).isPresent();
            }
        }

        assertThat(cache.keeps(shas.get(0))).isTrue();
        assertThat(cache.keeps(shas.get(1))).isFalse();
        assertThat(cache.keeps(shas.get(2))).isTrue();
        assertThat(cache.keptBytes()).isEqualTo(200_000);
        assertThat(Files.exists(temp.resolve("small").resolve(shas.get(1) + ".jar"))).isFalse();
        // Still in the store, and served from there.
        assertThat(TestJars.sha256(read(cache.open(shas.get(1), 0)))).isEqualTo(shas.get(1));
        byte[] huge = TestJars.bytes(300_000, 64);
        String hugeSha = TestJars.sha256(huge);
        assertThat(cache.store(hugeSha, scratch(huge))).isEqualTo(hugeSha);
        assertThat(cache.keeps(hugeSha)).as("larger than the whole cache").isFalse();
    }

    @Test
    void deletingDropsTheCopyAndARestartKeepsOnlyFinishedCopiesItCheckedAgain() throws IOException {
        S3BlobStore store = store(SERVER.newBucket());
        ReplicaCache cache = cache(store, "restart", 100_000_000, Duration.ofSeconds(10));
        byte[] kept = TestJars.bytes(50_000, 70);
        byte[] deleted = TestJars.bytes(50_000, 71);
        byte[] collected = TestJars.bytes(50_000, 72);
        for (byte[] bytes : List.of(kept, deleted, collected)) {
            cache.store(TestJars.sha256(bytes), scratch(bytes));
        }

        cache.delete(TestJars.sha256(deleted));
        assertThat(cache.deleteIfUntouchedSince(TestJars.sha256(collected), Instant.now().plusSeconds(60))).isTrue();

        assertThat(cache.keeps(TestJars.sha256(deleted))).isFalse();
        assertThat(cache.keeps(TestJars.sha256(collected))).isFalse();
        assertThat(store.exists(TestJars.sha256(deleted))).isFalse();
        // Another replica's copy of an object that went meanwhile: dropped at its next listing of the store.
        ReplicaCache other = cache(store, "other-replica", 100_000_000, Duration.ofSeconds(10));
        byte[] elsewhere = TestJars.bytes(40_000, 73);
        String elsewhereSha = TestJars.sha256(elsewhere);
        other.store(elsewhereSha, scratch(elsewhere));
        cache.delete(elsewhereSha);
        List<String> listed = new ArrayList<>();
        other.forEach(blob -> listed.add(blob.sha256()));
        assertThat(listed).contains(TestJars.sha256(kept)).doesNotContain(elsewhereSha);
        assertThat(other.keeps(elsewhereSha)).isFalse();
        assertThat(Files.exists(temp.resolve("other-replica").resolve(elsewhereSha + ".jar"))).isFalse();
        Files.writeString(temp.resolve("restart").resolve("download-x.part"), "unfinished");
        // Two copies whose bytes changed between the runs: one short (a crash before its bytes reached
        // the disk), one with a byte flipped (a failing disk, or someone writing to the volume).
        byte[] shortened = TestJars.bytes(50_000, 74);
        byte[] flipped = TestJars.bytes(50_000, 75);
        byte[] deletedBeforeCheck = TestJars.bytes(50_000, 76);
        for (byte[] bytes : List.of(shortened, flipped, deletedBeforeCheck)) {
            cache.store(TestJars.sha256(bytes), scratch(bytes));
        }
        Path shortFile = cache.localFile(TestJars.sha256(shortened)).orElseThrow();
        Files.write(shortFile, Arrays.copyOf(shortened, 10_000));
        byte[] changed = flipped.clone();
        changed[25_000] ^= 1;
        Files.write(cache.localFile(TestJars.sha256(flipped)).orElseThrow(), changed);

        ReplicaCache restarted = cache(store, "restart", 100_000_000, Duration.ofSeconds(10));
        assertThat(restarted.keeps(TestJars.sha256(kept))).as("not served before it is checked").isFalse();
        assertThat(read(restarted.open(TestJars.sha256(flipped), 0))).as("from the store meanwhile").isEqualTo(flipped);
        restarted.delete(TestJars.sha256(deletedBeforeCheck));
        assertThat(temp.resolve("restart").resolve(TestJars.sha256(deletedBeforeCheck) + ".jar")).doesNotExist();
        assertThat(restarted.checkLeftCopies()).as("the short one deleted, the flipped one replaced meanwhile").isEqualTo(1);

        assertThat(restarted.keeps(TestJars.sha256(kept))).isTrue();
        assertThat(restarted.keeps(TestJars.sha256(shortened))).isFalse();
        assertThat(restarted.keeps(TestJars.sha256(flipped))).as("the download's new copy counts").isTrue();
        assertThat(Files.readAllBytes(restarted.localFile(TestJars.sha256(flipped)).orElseThrow())).isEqualTo(flipped);
        assertThat(restarted.keptBytes()).isEqualTo(100_000);
        assertThat(read(restarted.open(TestJars.sha256(shortened), 0))).as("from the store").isEqualTo(shortened);
        try (Stream<Path> files = Files.list(temp.resolve("restart"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    TestJars.sha256(kept) + ".jar", TestJars.sha256(flipped) + ".jar",
                    TestJars.sha256(shortened) + ".jar");
        }
    }
}
