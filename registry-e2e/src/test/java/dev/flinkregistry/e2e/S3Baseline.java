package dev.flinkregistry.e2e;

import dev.flinkregistry.testsupport.S3Server;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK alone against the benchmark's S3-compatible store, set up as the registry sets up its own
 * client (checksums only when required, path-style, Apache HttpClient): what the registry is measured against.
 */
final class S3Baseline implements AutoCloseable {

    private static final String JAR = "application/java-archive";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3Baseline(S3Server store, String bucket) {
        AwsBasicCredentials keys = AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        this.s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(store.endpoint())
                .serviceConfiguration(pathStyle).credentialsProvider(StaticCredentialsProvider.create(keys))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128)
                        .connectionTimeout(Duration.ofSeconds(30)).socketTimeout(Duration.ofSeconds(30)))
                .build();
        this.presigner = S3Presigner.builder().region(Region.US_EAST_1).endpointOverride(store.endpoint())
                .serviceConfiguration(pathStyle).credentialsProvider(StaticCredentialsProvider.create(keys)).build();
        this.bucket = bucket;
    }

    /** One PutObject streaming the whole file. */
    void put(String key, Path file, long size) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(JAR).contentLength(size), RequestBody.fromFile(file));
    }

    /** A multipart upload, each part streamed from its range of the file. */
    void multipartUpload(String key, Path file, long size, long partSize) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(JAR)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            int number = parts.size() + 1;
            long position = offset;
            long length = Math.min(partSize, size - offset);
            RequestBody body = RequestBody.fromContentProvider(() -> range(file, position, length), length, JAR);
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength(length), body).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** The object's bytes, as GetObject answers them. */
    InputStream get(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** A URL any HTTP client can GET the object with, for a while. */
    URI presignedGet(String key) {
        return URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(10))
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString());
    }

    /** How many multipart uploads of the bucket are begun and neither completed nor aborted. */
    int unfinishedUploads() {
        return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
    }

    void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /** {@code length} bytes of the file from {@code offset}, for a body the SDK may open again to retry. */
    private static InputStream range(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new Limited(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {

        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            remaining -= b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            remaining -= Math.max(read, 0);
            return read;
        }
    }
}
