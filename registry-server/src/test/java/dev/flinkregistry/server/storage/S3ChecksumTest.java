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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store checks the JAR's SHA-256 where it can ({@code registry.storage.s3.checksum=auto}):
 * against S3Mock, a real S3-compatible server that checks {@code x-amz-checksum-sha256}, each JAR
 * (one larger than a part too) goes up in one request carrying its own digest, which the store keeps;
 * bytes that changed after the receiving pass hashed them are refused by the store and nothing is
 * stored. Against S3Proxy, which answers 501, the store falls back to Content-MD5 and still stores.
 */
class S3ChecksumTest {

    private static final String BUCKET = "fcr-checksums";
    private static final int PART = 5 * 1024 * 1024;

    @TempDir
    static Path serverDirectory;

    private static S3MockProcess s3mock;

    @TempDir
    Path temp;

    private final List<S3BlobStore> stores = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // The SDK's default credential chain finds the keys S3Server sets; S3Mock takes any.
        S3Server.shared();
        s3mock = S3MockProcess.start(serverDirectory, BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3mock != null) {
            s3mock.close();
        }
    }

    @AfterEach
    void close() {
        stores.forEach(S3BlobStore::close);
    }

    private S3BlobStore store(java.net.URI endpoint, String bucket, String checksum) {
        S3BlobStore store = S3BlobStore.create(new S3StorageProperties(bucket, endpoint, "us-east-1", true, "blobs/",
                null, null, false, Duration.ofMinutes(5), DataSize.ofBytes(PART), Duration.ofSeconds(10), checksum, null, null),
                http -> { });
        stores.add(store);
        return store;
    }

    private static S3Client raw(java.net.URI endpoint) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }

    private static String base64(String sha256) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
    }

    @Test
    void eachJarGoesUpWithItsOwnSha256WhichTheStoreChecksAndKeeps() throws IOException {
        S3BlobStore store = store(s3mock.endpoint(), BUCKET, "auto");
        byte[] small = TestJars.bytes(300_000, 41);
        byte[] large = TestJars.bytes(2 * PART + 17, 42);

        for (byte[] bytes : List.of(small, large)) {
            String sha = TestJars.sha256(bytes);
            assertThat(store.store(sha, TestJars.write(temp, sha + ".jar", bytes))).isEqualTo(sha);

            try (S3Client s3 = raw(s3mock.endpoint())) {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(store.keyOf(sha))
                        .checksumMode(ChecksumMode.ENABLED));
                // The whole object's SHA-256, not a checksum of parts: one request, checked by the store.
                assertThat(head.checksumSHA256()).isEqualTo(base64(sha));
                assertThat(head.contentLength()).isEqualTo(bytes.length);
            }
            try (InputStream in = store.open(sha, 0)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            // Stored again: the store sees it already holds these bytes and only touches the object.
            assertThat(store.store(sha, TestJars.write(temp, sha + "-again.jar", bytes))).isEqualTo(sha);
            assertThat(store.digestOf(sha)).isEqualTo(sha);
            try (S3Client s3 = raw(s3mock.endpoint())) {
                assertThat(s3.headObject(b -> b.bucket(BUCKET).key(store.keyOf(sha))).metadata()).containsKey("touched");
            }
        }
        assertThat(store.checksum()).isEqualTo("sha256");
    }

    @Test
    void bytesThatChangedAfterTheyWereHashedAreRefusedByTheStoreAndNothingIsStored() throws IOException {
        S3BlobStore store = store(s3mock.endpoint(), BUCKET, "auto");
        for (int size : new int[] {200_000, 2 * PART + 5}) {
            byte[] received = TestJars.bytes(size, 43 + size);
            String sha = TestJars.sha256(received);
            // What the receiving pass computed, for the bytes it received...
            PartDigests parts = new PartDigests(store.partSize());
            parts.update(received, 0, received.length);
            List<byte[]> md5s = parts.finish();
            // ...and the file as it is when it is sent: one byte flipped on the way (disk, tampering).
            byte[] changed = received.clone();
            changed[size / 2] ^= 0x5a;
            Path file = TestJars.write(temp, "changed-" + size + ".jar", changed);

            assertThatThrownBy(() -> store.store(sha, file, md5s)).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("refused");

            assertThat(store.exists(sha)).isFalse();
            try (S3Client s3 = raw(s3mock.endpoint())) {
                List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("blobs/" + sha.substring(0, 2)))
                        .contents();
                assertThat(objects).noneMatch(object -> object.key().contains(sha));
                assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
            }
            assertThat(file).as("kept for the caller, which removes it with the failed upload").exists();
        }
        assertThat(store.checksum()).as("a refusal is not a store without checksums").isEqualTo("sha256");
    }

    @Test
    void aStoreThatDoesNotImplementChecksumsGetsContentMd5Instead() throws IOException {
        S3Server proxy = S3Server.shared();
        String bucket = proxy.newBucket();
        S3BlobStore store = store(proxy.endpoint(), bucket, "auto");
        S3BlobStore md5 = store(proxy.endpoint(), bucket, "md5");
        assertThat(store.checksum()).isEqualTo("sha256");
        assertThat(md5.checksum()).isEqualTo("md5");
        byte[] bytes = TestJars.bytes(2 * PART + 3, 44);
        String sha = TestJars.sha256(bytes);

        assertThat(store.store(sha, TestJars.write(temp, "proxy.jar", bytes))).isEqualTo(sha);

        assertThat(store.checksum()).as("S3Proxy answered 501, remembered").isEqualTo("md5");
        assertThat(Files.readAllBytes(proxy.objectFile(bucket, store.keyOf(sha)))).isEqualTo(bytes);
        byte[] other = TestJars.bytes(1000, 45);
        String otherSha = TestJars.sha256(other);
        assertThat(md5.store(otherSha, TestJars.write(temp, "md5.jar", other))).isEqualTo(otherSha);
        assertThat(md5.digestOf(otherSha)).isEqualTo(otherSha);
    }
}
