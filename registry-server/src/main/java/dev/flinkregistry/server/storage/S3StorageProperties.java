package dev.flinkregistry.server.storage;

import static dev.flinkregistry.server.config.Settings.atLeast;
import static dev.flinkregistry.server.config.Settings.httpUrl;
import static dev.flinkregistry.server.config.Settings.positive;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * JAR bytes in an S3-compatible object store ({@code registry.storage.s3.*}), chosen when a bucket is
 * set; otherwise the bytes stay in the data directory. Credentials come from the AWS SDK's default
 * chain (environment, web identity, profile, instance or container role), never from these settings.
 *
 * @param bucket the bucket; unset, no object store is used
 * @param endpoint the store's URL for anything but AWS itself (MinIO, Ceph, OSS, GCS), e.g. {@code http://minio:9000}
 * @param region the region the requests are signed for
 * @param pathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key} (most self-hosted stores)
 * @param prefix put before every key, e.g. {@code blobs/}; the objects are {@code <prefix>ab/abcdef….jar}
 * @param serverSideEncryption {@code AES256} or {@code aws:kms}; unset, the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms}; unset, the account's default key
 * @param presignedDownloads downloads answer with a redirect to a short-lived signed URL of the object,
 *     so the bytes do not pass through the registry (clients still check the SHA-256)
 * @param presignDuration how long such a URL is valid
 * @param partSize uploads larger than this are sent in parts of this size (at least 5MB, S3's minimum)
 * @param timeout how long a request to the store may wait for a connection or for the next bytes;
 *     a store that is down or stalls makes the request fail with 503 STORAGE_UNAVAILABLE
 * @param checksum {@code auto}: each JAR goes up in one request carrying its SHA-256
 *     ({@code x-amz-checksum-sha256}), which the store checks against the whole object, until the
 *     store shows it does not (it answers 501 Not Implemented, or does not confirm the checksum);
 *     from then on, and always with {@code md5}, requests carry {@code Content-MD5} and JARs larger
 *     than a part go up in parts
 * @param cacheSize how much of {@code <data-dir>/cache} a replica fills with copies of the JARs it
 *     uploads or downloads, which it then serves from there ({@code 0}: none)
 * @param prefetch with copies kept, a replica copies each JAR another replica registers as soon as the
 *     change feed tells it (JARs of at most a quarter of {@code cache-size}), so that a job's first
 *     download from any replica is served from a local copy; a replica that starts copies the current
 *     versions' JARs, up to half of {@code cache-size}; unset, {@code true}
 */
@ConfigurationProperties("registry.storage.s3")
public record S3StorageProperties(String bucket, URI endpoint, @DefaultValue("us-east-1") String region,
                                  boolean pathStyle, @DefaultValue("blobs/") String prefix,
                                  String serverSideEncryption, String kmsKeyId, boolean presignedDownloads,
                                  @DefaultValue("5m") Duration presignDuration,
                                  @DefaultValue("16MB") DataSize partSize, @DefaultValue("30s") Duration timeout,
                                  @DefaultValue("auto") String checksum, @DefaultValue("1GB") DataSize cacheSize,
                                  @DefaultValue("true") Boolean prefetch) {

    private static final Set<String> ENCRYPTIONS = Set.of("AES256", "aws:kms");
    private static final Set<String> CHECKSUMS = Set.of("auto", "md5");

    public S3StorageProperties {
        bucket = blankToNull(bucket);
        serverSideEncryption = blankToNull(serverSideEncryption);
        kmsKeyId = blankToNull(kmsKeyId);
        prefix = prefix == null ? "" : prefix;
        checksum = checksum == null || checksum.isBlank() ? "auto" : checksum.strip();
        cacheSize = cacheSize == null ? DataSize.ofGigabytes(1) : cacheSize;
        prefetch = prefetch == null || prefetch;
        if (bucket != null) {
            if (cacheSize.isNegative()) {
                throw new IllegalArgumentException("registry.storage.s3.cache-size must not be negative, not " + cacheSize);
            }
            if (!CHECKSUMS.contains(checksum)) {
                throw new IllegalArgumentException("registry.storage.s3.checksum must be auto or md5, not " + checksum);
            }
            positive(presignDuration, "registry.storage.s3.presign-duration");
            positive(timeout, "registry.storage.s3.timeout");
            atLeast(partSize, DataSize.ofMegabytes(5), "registry.storage.s3.part-size");
            if (presignDuration.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("registry.storage.s3.presign-duration must be at most 7d (S3's "
                        + "limit for a signed URL), not " + presignDuration);
            }
            if (serverSideEncryption != null && !ENCRYPTIONS.contains(serverSideEncryption)) {
                throw new IllegalArgumentException("registry.storage.s3.server-side-encryption must be AES256 or "
                        + "aws:kms, not " + serverSideEncryption);
            }
            if (kmsKeyId != null && !"aws:kms".equals(serverSideEncryption)) {
                throw new IllegalArgumentException("registry.storage.s3.kms-key-id needs "
                        + "registry.storage.s3.server-side-encryption=aws:kms");
            }
            if (endpoint != null) {
                httpUrl(endpoint.toString(), "registry.storage.s3.endpoint");
            }
            if (prefix.startsWith("/") || prefix.contains("..")) {
                throw new IllegalArgumentException("registry.storage.s3.prefix must be a relative key prefix such as "
                        + "'blobs/', not " + prefix);
            }
        }
    }

    /** Whether JAR bytes go to an object store. */
    public boolean enabled() {
        return bucket != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
