package dev.flinkregistry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.S3Server;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3-compatible server (S3Proxy): single and multipart uploads, what a
 * completed upload proves, touching, ranges, listing, collection, unfinished uploads, signed URLs,
 * both addressing styles, and a store that is down.
 */
class S3BlobStoreTest {

    private static final S3Server SERVER = S3Server.shared();

    @TempDir
    Path temp;

    private final List<S3BlobStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(S3BlobStore::close);
    }

    private S3StorageProperties settings(String bucket, boolean pathStyle, boolean presigned) {
        return new S3StorageProperties(bucket, SERVER.endpoint(), "us-east-1", pathStyle, "blobs/", null, null,
                presigned, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5),
                "auto", null, null);
    }

    private S3BlobStore store(S3StorageProperties settings) {
        S3BlobStore store = S3BlobStore.create(settings, http -> { });
        stores.add(store);
        return store;
    }

    private Path file(String name, int size, long seed) {
        return TestJars.write(temp, name, TestJars.bytes(size, seed));
    }

    @Test
    void aSmallJarIsOneObjectThatAnswersItsDigestSizeAndRanges() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        Path jar = file("small.jar", 300_000, 1);
        byte[] bytes = Files.readAllBytes(jar);
        String sha = TestJars.sha256(jar);

        assertThat(store.exists(sha)).isFalse();
        assertThat(store.store(sha, jar)).isEqualTo(sha);

        assertThat(jar).as("the store took the file").doesNotExist();
        assertThat(store.exists(sha)).isTrue();
        assertThat(store.size(sha)).isEqualTo(bytes.length);
        assertThat(store.digestOf(sha)).isEqualTo(sha);
        try (InputStream in = store.open(sha, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 1000, bytes.length));
        }
        assertThat(Files.readAllBytes(SERVER.objectFile(bucket, store.keyOf(sha)))).isEqualTo(bytes);
    }

    @Test
    void aJarLargerThanAPartIsAMultipartUploadWithTheSameBytes() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        Path jar = file("large.jar", 12 * 1024 * 1024 + 17, 2);
        byte[] bytes = Files.readAllBytes(jar);
        String sha = TestJars.sha256(jar);

        assertThat(store.store(sha, jar)).isEqualTo(sha);

        assertThat(Files.readAllBytes(SERVER.objectFile(bucket, store.keyOf(sha)))).isEqualTo(bytes);
        assertThat(store.digestOf(sha)).isEqualTo(sha);
        try (InputStream in = store.open(sha, 11 * 1024 * 1024)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 11 * 1024 * 1024, bytes.length));
        }
        // Read only the start and close: the rest of the object is not waited for.
        try (InputStream in = store.open(sha, 0)) {
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(bytes, 10));
        }
    }

    @Test
    void partDigestsFromTheReceivingPassAreSentAndCheckedByTheStore() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        byte[] bytes = TestJars.bytes(11 * 1024 * 1024 + 5, 12);
        String sha = TestJars.sha256(bytes);
        PartDigests received = new PartDigests(store.partSize());
        // As the receiver sees them: chunks of any size, not aligned with the parts.
        for (int offset = 0; offset < bytes.length; offset += 300_001) {
            received.update(bytes, offset, Math.min(300_001, bytes.length - offset));
        }

        assertThat(store.store(sha, TestJars.write(temp, "hinted.jar", bytes), received.finish())).isEqualTo(sha);
        assertThat(Files.readAllBytes(SERVER.objectFile(bucket, store.keyOf(sha)))).isEqualTo(bytes);

        // Part digests of other bytes (a file changed after it was received): the store refuses them.
        byte[] other = TestJars.bytes(bytes.length, 13);
        String otherSha = TestJars.sha256(TestJars.bytes(bytes.length, 14));
        PartDigests wrong = new PartDigests(store.partSize());
        wrong.update(TestJars.bytes(bytes.length, 14), 0, bytes.length);
        Path changed = TestJars.write(temp, "changed.jar", other);
        assertThatThrownBy(() -> store.store(otherSha, changed, wrong.finish()))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("BadDigest");
        assertThat(store.exists(otherSha)).as("nothing stored under the digest").isFalse();
    }

    @Test
    void partDigestsSplitAStreamAtThePartSizeWhateverTheChunks() throws Exception {
        byte[] bytes = TestJars.bytes(1000, 15);
        PartDigests parts = new PartDigests(300);
        parts.update(bytes, 0, 7);
        parts.update(bytes, 7, 593);
        parts.update(bytes, 600, 400);
        List<byte[]> md5s = parts.finish();

        assertThat(md5s).hasSize(4);
        for (int i = 0; i < 4; i++) {
            byte[] slice = Arrays.copyOfRange(bytes, i * 300, Math.min(bytes.length, (i + 1) * 300));
            assertThat(md5s.get(i)).isEqualTo(java.security.MessageDigest.getInstance("MD5").digest(slice));
        }
        assertThat(new PartDigests(300).finish()).as("an empty stream is one empty part").hasSize(1);
    }

    @Test
    void storingBytesAgainTouchesThemAndAChangedStoredCopyIsReplaced() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        Path jar = file("again.jar", 100_000, 3);
        byte[] bytes = Files.readAllBytes(jar);
        String sha = TestJars.sha256(jar);
        store.store(sha, Files.copy(jar, temp.resolve("first.jar")));
        Instant old = Instant.now().minus(2, ChronoUnit.HOURS);
        SERVER.age(bucket, store.keyOf(sha), old);
        assertThat(store.deleteIfUntouchedSince(sha, Instant.now().minus(3, ChronoUnit.HOURS))).isFalse();

        assertThat(store.store(sha, Files.copy(jar, temp.resolve("second.jar")))).isEqualTo(sha);
        assertThat(store.deleteIfUntouchedSince(sha, Instant.now().minus(1, ChronoUnit.HOURS)))
                .as("touched by the second store: younger than an hour").isFalse();

        // Other bytes are put under the key behind the registry's back: the next good copy replaces them.
        Path object = SERVER.objectFile(bucket, store.keyOf(sha));
        byte[] changed = bytes.clone();
        changed[500] ^= 1;
        try (S3Client raw = rawClient()) {
            raw.putObject(r -> r.bucket(bucket).key(store.keyOf(sha)),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(changed));
        }
        assertThat(Files.readAllBytes(object)).isEqualTo(changed);
        assertThat(store.digestOf(sha)).isNotEqualTo(sha);
        assertThat(store.store(sha, Files.copy(jar, temp.resolve("third.jar")))).isEqualTo(sha);
        assertThat(Files.readAllBytes(object)).isEqualTo(bytes);
    }

    @Test
    void aScratchFileChangedAfterItWasHashedIsStoredAsWhatItIsNow() throws IOException {
        S3BlobStore store = store(settings(SERVER.newBucket(), true, false));
        Path jar = file("claimed.jar", 50_000, 4);
        String claimed = TestJars.sha256(file("other.jar", 50_000, 5));

        assertThat(store.store(claimed, jar)).as("the SHA-256 of what the store now holds").isNotEqualTo(claimed)
                .isEqualTo(TestJars.sha256(TestJars.bytes(50_000, 4)));
    }

    @Test
    void listsOnlyItsOwnObjectsAndDeletesOldOnes() throws IOException {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        Path a = file("a.jar", 1000, 6);
        Path b = file("b.jar", 2000, 7);
        String shaA = TestJars.sha256(a);
        String shaB = TestJars.sha256(b);
        store.store(shaA, a);
        store.store(shaB, b);
        try (S3Client raw = rawClient()) {
            raw.putObject(r -> r.bucket(bucket).key("blobs/not-a-blob.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            raw.putObject(r -> r.bucket(bucket).key("elsewhere/" + shaA + ".jar"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        }
        List<BlobStore.StoredBlob> listed = new ArrayList<>();
        store.forEach(listed::add);
        assertThat(listed).extracting(BlobStore.StoredBlob::sha256).containsExactlyInAnyOrder(shaA, shaB);
        assertThat(listed).extracting(BlobStore.StoredBlob::size).containsExactlyInAnyOrder(1000L, 2000L);

        SERVER.age(bucket, store.keyOf(shaA), Instant.now().minus(2, ChronoUnit.HOURS));
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        assertThat(store.deleteIfUntouchedSince(shaA, hourAgo)).isTrue();
        assertThat(store.deleteIfUntouchedSince(shaB, hourAgo)).isFalse();
        assertThat(store.exists(shaA)).isFalse();
        assertThat(store.exists(shaB)).isTrue();
        assertThat(store.deleteIfUntouchedSince(shaA, hourAgo)).as("gone already").isFalse();
    }

    @Test
    void unfinishedMultipartUploadsAreAbortedOnceOld() {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, false));
        String uploadId;
        try (S3Client raw = rawClient()) {
            uploadId = raw.createMultipartUpload(r -> r.bucket(bucket).key("blobs/ab/abandoned.jar")).uploadId();
            assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads()).hasSize(1);

            assertThat(store.abortUploadsStartedBefore(Instant.now().minus(1, ChronoUnit.HOURS)))
                    .as("a young upload: another replica may be sending it").isZero();
            assertThat(store.abortUploadsStartedBefore(Instant.now().plusSeconds(5))).isEqualTo(1);
            assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                    .extracting(u -> u.uploadId()).doesNotContain(uploadId);
        }
    }

    @Test
    void aSignedUrlServesTheBytesWithoutCredentialsUntilItExpires() throws Exception {
        String bucket = SERVER.newBucket();
        S3BlobStore store = store(settings(bucket, true, true));
        Path jar = file("signed.jar", 70_000, 8);
        byte[] bytes = Files.readAllBytes(jar);
        String sha = TestJars.sha256(jar);
        store.store(sha, jar);

        URI url = store.downloadUrl(sha, "my connector-1.jar").orElseThrow();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(bytes);

        URI tampered = URI.create(url.toString().replace(store.keyOf(sha), store.keyOf(sha).replace(".jar", ".jaR")));
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("the signature covers the key").isEqualTo(403);

        S3BlobStore unsigned = store(settings(bucket, true, false));
        assertThat(unsigned.downloadUrl(sha, "x.jar")).as("presigned downloads off").isEmpty();
    }

    @Test
    void virtualHostAddressingPutsTheBucketInTheHostName() throws IOException {
        S3Server virtualHosted = S3Server.startVirtualHostedUnder(Files.createDirectories(temp.resolve("virtual")));
        String bucket = virtualHosted.newBucket();
        List<String> resolved = new ArrayList<>();
        S3StorageProperties settings = new S3StorageProperties(bucket,
                URI.create("http://" + virtualHosted.virtualHostName() + ":" + virtualHosted.port()), "us-east-1", false,
                "blobs/",
                null, null, false, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5),
                java.time.Duration.ofSeconds(5), "auto", null, null);
        S3BlobStore store = S3BlobStore.create(settings, http -> http.dnsResolver(host -> {
            resolved.add(host);
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }));
        stores.add(store);
        Path jar = file("virtual.jar", 10_000, 9);
        String sha = TestJars.sha256(jar);

        assertThat(store.store(sha, jar)).isEqualTo(sha);
        assertThat(store.digestOf(sha)).isEqualTo(sha);
        assertThat(resolved).as("every request went to the bucket's own host name")
                .isNotEmpty().allMatch((bucket + "." + virtualHosted.virtualHostName())::equals);
        assertThat(virtualHosted.objectFile(bucket, store.keyOf(sha))).exists();
        virtualHosted.close();
    }

    @Test
    void aStoreThatIsDownFailsWithStorageUnavailableAndLeavesTheFile() throws IOException {
        S3Server stopped = S3Server.startUnder(Files.createDirectories(temp.resolve("stopped")));
        String bucket = stopped.newBucket();
        S3StorageProperties settings = new S3StorageProperties(bucket, stopped.endpoint(), "us-east-1", true,
                "blobs/", null, null, false, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5),
                java.time.Duration.ofSeconds(2), "auto", null, null);
        stopped.close();
        S3BlobStore store = store(settings);
        Path jar = file("down.jar", 1000, 10);
        String sha = TestJars.sha256(jar);

        assertThatThrownBy(() -> store.store(sha, jar)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("did not answer");
        assertThat(jar).as("still there for a retry; the scratch collector removes it").exists();
        assertThatThrownBy(() -> store.open(sha, 0)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> store.forEach(blob -> { })).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aMissingBucketIsAnOperatorsMistakeNamedInTheAnswer() {
        S3BlobStore store = store(settings("fcr-no-such-bucket", true, false));
        Path jar = file("nobucket.jar", 1000, 11);
        assertThatThrownBy(() -> store.store(TestJars.sha256(jar), jar))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("fcr-no-such-bucket");
    }

    @Test
    void settingsAreCheckedAtStartUp() {
        assertThatThrownBy(() -> new S3StorageProperties("b", URI.create("ftp://x"), "us-east-1", true, "blobs/",
                null, null, false, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5),
                java.time.Duration.ofSeconds(5), "auto", null, null)).hasMessageContaining("registry.storage.s3.endpoint");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "blobs/", "rot13", null,
                false, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5), "auto", null, null))
                .hasMessageContaining("server-side-encryption");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "blobs/", null, "key", false,
                java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5), "auto", null, null))
                .hasMessageContaining("kms-key-id");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "blobs/", null, null, false,
                java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(1), java.time.Duration.ofSeconds(5), "auto", null, null))
                .hasMessageContaining("part-size");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "blobs/", null, null, true,
                java.time.Duration.ofDays(8), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5), "auto", null, null))
                .hasMessageContaining("presign-duration");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "/abs", null, null, false,
                java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5), "auto", null, null))
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> new S3StorageProperties("b", null, "us-east-1", true, "blobs/", null, null, false,
                java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(5), java.time.Duration.ofSeconds(5), "sha1", null, null))
                .hasMessageContaining("registry.storage.s3.checksum must be auto or md5");
        assertThat(new S3StorageProperties(" ", null, "us-east-1", false, "blobs/", null, null, false, null, null,
                null, "auto", null, null).enabled()).as("no bucket: the file store, nothing else checked").isFalse();
    }

    private static S3Client rawClient() {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(SERVER.endpoint()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }
}
