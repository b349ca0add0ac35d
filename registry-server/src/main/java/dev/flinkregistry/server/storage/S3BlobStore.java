package dev.flinkregistry.server.storage;

import dev.flinkregistry.model.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stores blobs as objects {@code <prefix>ab/abcdef….jar} in an S3-compatible bucket.
 *
 * <p>Uploads stream from the received file, so no JAR is ever held in memory. Where the store checks
 * SHA-256 checksums (S3, MinIO, and others; {@code registry.storage.s3.checksum=auto}, the default),
 * each JAR goes up in one request carrying its own SHA-256, its name in the registry
 * ({@code x-amz-checksum-sha256}): the store refuses the bytes unless they are exactly the ones that
 * digest names, and keeps the checksum with the object. A store that answers 501 Not Implemented to
 * that header (S3Proxy), or stores the object without confirming the checksum, is remembered as one
 * that does not check it (the upload that found out is sent again as below). There, and with
 * {@code checksum=md5}, every request carries the MD5 of its bytes ({@code Content-MD5}), which every
 * S3-compatible store checks, one request up to the part size and a multipart upload above it; the
 * registry computes the SHA-256 and the MD5s of the same bytes in the same pass. Either way a
 * completed upload proves that the store holds exactly the bytes whose SHA-256 is answered, without
 * reading them back. Bytes that are already stored are proven by their stored SHA-256 checksum, their
 * ETag (the MD5 the store computed, for the single and multipart uploads this store makes) or, when
 * neither fits (SSE-KMS), by reading them.
 *
 * <p>Storing bytes that are already there "touches" them (a copy of the object onto itself), so the
 * collector's age check sees them as new, as the file store does with the file's time.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final String JAR = "application/java-archive";
    private static final String SHA256_METADATA = "sha256";
    private static final int BUFFER = 256 * 1024;
    /** Connections to the store: the uploads, downloads and collection of every request at once. */
    private static final int MAX_CONNECTIONS = 128;
    /** How many parts of one multipart upload are sent at once. */
    private static final int PARALLEL_PARTS = 4;
    /** The largest object S3 takes in one request; a larger JAR goes up in parts, with Content-MD5. */
    private static final long MAX_SINGLE_UPLOAD = 5L * 1024 * 1024 * 1024;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3StorageProperties settings;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    /** Whether uploads carry the JAR's SHA-256 for the store to check: until the store shows it does not. */
    private volatile boolean checksSha256;

    /**
     * The store for these settings, on the SDK's blocking client over Apache HttpClient.
     *
     * @param http adjusts the HTTP client (tests resolve a bucket's virtual host name with it)
     */
    static S3BlobStore create(S3StorageProperties settings, Consumer<ApacheHttpClient.Builder> http) {
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        ApacheHttpClient.Builder client = ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(settings.timeout()).socketTimeout(settings.timeout());
        http.accept(client);
        // The SDK computes and checks CRC checksums of its own by default, which not every S3-compatible
        // store accepts; every upload carries Content-MD5 instead, which they all check.
        S3Client s3 = S3Client.builder()
                .region(Region.of(settings.region()))
                .applyMutation(b -> {
                    if (settings.endpoint() != null) {
                        b.endpointOverride(settings.endpoint());
                    }
                })
                .serviceConfiguration(addressing)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(client)
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .endpointOverride(settings.endpoint())
                .serviceConfiguration(addressing)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
        return new S3BlobStore(s3, presigner, settings);
    }

    S3BlobStore(S3Client s3, S3Presigner presigner, S3StorageProperties settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.settings = settings;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.partSize = settings.partSize().toBytes();
        this.checksSha256 = "auto".equals(settings.checksum());
    }

    /** What uploads carry for the store to check now: {@code sha256} or {@code md5}. */
    String checksum() {
        return checksSha256 ? "sha256" : "md5";
    }

    /** Ends the clients' connections, with the server. */
    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        store(sha256, file);
    }

    @Override
    public String store(String sha256, Path file) throws IOException {
        return store(sha256, file, List.of());
    }

    @Override
    public long partSize() {
        return partSize;
    }

    /** The store's answer makes the bytes durable; the file handed over is scratch. */
    @Override
    public boolean keepsTheFile() {
        return false;
    }

    /**
     * With the parts' MD5s computed in the same pass as the file's SHA-256 (the receiving pass), the
     * file is not read again before it is sent: the store checks every part against them, so what it
     * keeps is what was hashed. Without them (or when they do not fit the file), one pass computes both.
     */
    @Override
    public String store(String sha256, Path file, List<byte[]> partMd5s) throws IOException {
        String key = keyOf(sha256);
        long size = Files.size(file);
        Hashed hashed = partMd5s.size() == Math.max(1, (size + partSize - 1) / partSize)
                ? Hashed.of(size, sha256, partMd5s, partSize) : hash(file);
        Optional<HeadObjectResponse> existing = head(key);
        if (existing.isPresent() && holds(existing.get(), sha256, hashed)) {
            touch(key, sha256);
            Files.deleteIfExists(file);
            return sha256;
        }
        // Not stored, or the stored copy is not these bytes: this copy (re)places it.
        if (checksSha256 && hashed.size() <= MAX_SINGLE_UPLOAD && hashed.sha256().equals(sha256)
                && putCheckingSha256(key, sha256, file, hashed)) {
            Files.deleteIfExists(file);
            return sha256;
        }
        if (hashed.size() <= partSize) {
            call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(JAR).contentLength(hashed.size())
                    .contentMD5(base64(hashed.partMd5s().get(0))).metadata(Map.of(SHA256_METADATA, sha256))
                    .applyMutation(put -> encryption(put::serverSideEncryption, put::ssekmsKeyId)),
                    body(file, 0, hashed.size())), "store " + sha256);
        } else {
            uploadInParts(key, sha256, file, hashed);
        }
        Files.deleteIfExists(file);
        return hashed.sha256();
    }

    /**
     * Whether the stored object is these bytes: its ETag is the MD5 the store computed of what it
     * holds (one request) or of its parts (a multipart upload, {@code md5(md5s)-n}). Any other ETag
     * (encrypted with KMS, or uploaded by some other tool) is checked by reading the bytes back.
     */
    private boolean holds(HeadObjectResponse object, String sha256, Hashed hashed) throws IOException {
        if (object.contentLength() != hashed.size()) {
            return false;
        }
        String etag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
        if ((etag.equals(hashed.etag()) || base64(HexFormat.of().parseHex(sha256)).equals(object.checksumSHA256()))
                && hashed.sha256().equals(sha256)) {
            return true;
        }
        try {
            return digestOf(sha256).equals(sha256);
        } catch (NoSuchFileException collectedMeanwhile) {
            return false;
        }
    }

    /**
     * One request carrying the JAR's SHA-256 for the store to check; false when the store showed it
     * does not check it (then {@link #checksSha256} is off, and the caller uploads with Content-MD5,
     * replacing whatever this request stored unchecked). A store that refuses the bytes for not
     * matching the checksum, or fails, throws as any refusal does.
     */
    private boolean putCheckingSha256(String key, String sha256, Path file, Hashed hashed) {
        String checksum = base64(HexFormat.of().parseHex(sha256));
        software.amazon.awssdk.services.s3.model.PutObjectResponse answer;
        try {
            answer = s3.putObject(b -> b.bucket(bucket).key(key).contentType(JAR).contentLength(hashed.size())
                    .checksumSHA256(checksum).metadata(Map.of(SHA256_METADATA, sha256))
                    .applyMutation(put -> {
                        if (hashed.size() <= partSize) {
                            put.contentMD5(base64(hashed.partMd5s().get(0)));
                        }
                        encryption(put::serverSideEncryption, put::ssekmsKeyId);
                    }), body(file, 0, hashed.size()));
        } catch (S3Exception e) {
            if (!notImplemented(e)) {
                throw failure(e, "store " + sha256);
            }
            return stopCheckingSha256("it answered HTTP " + e.statusCode() + (code(e) == null ? "" : " " + code(e)));
        } catch (SdkException e) {
            throw failure(e, "store " + sha256);
        }
        if (!checksum.equals(answer.checksumSHA256())) {
            return stopCheckingSha256("it stored an object without confirming the checksum");
        }
        return true;
    }

    private boolean stopCheckingSha256(String why) {
        if (checksSha256) {
            checksSha256 = false;
            LOG.info("The object store in bucket {} does not check SHA-256 checksums ({}): uploads carry Content-MD5 "
                    + "from now on (registry.storage.s3.checksum=md5 says so at start-up)", bucket, why);
        }
        return false;
    }

    private void uploadInParts(String key, String sha256, Path file, Hashed hashed) throws IOException {
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(JAR)
                .metadata(Map.of(SHA256_METADATA, sha256))
                .applyMutation(create -> encryption(create::serverSideEncryption, create::ssekmsKeyId))),
                "store " + sha256).uploadId();
        boolean completed = false;
        int count = hashed.partMd5s().size();
        // Parts go up side by side, each from its own range of the file, as the store allows.
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(PARALLEL_PARTS, count), runnable -> {
            Thread thread = new Thread(runnable, "s3-part-upload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<CompletedPart>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, hashed.size() - offset);
                String md5 = base64(hashed.partMd5s().get(i));
                sent.add(CompletableFuture.supplyAsync(() -> CompletedPart.builder().partNumber(number).eTag(
                        call(() -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                .contentLength(length).contentMD5(md5), body(file, offset, length)),
                                "store " + sha256).eTag()).build(), senders));
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (CompletableFuture<CompletedPart> part : sent) {
                try {
                    parts.add(part.join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : e;
                }
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))), "store " + sha256);
            completed = true;
        } finally {
            senders.shutdownNow();
            if (!completed) {
                awaitQuietly(senders);
                abortQuietly(key, uploadId);
            }
        }
    }

    /** Waits for the parts still being sent to stop, so that the abort comes after them. */
    private static void awaitQuietly(ExecutorService senders) {
        try {
            senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException storeGoneToo) {
            // The collector aborts it later (abortUploadsStartedBefore).
        }
    }

    /** Refreshes the object's time: a copy onto itself, with its own metadata (S3 needs a change to copy in place). */
    private void touch(String key, String sha256) {
        call(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
                .destinationKey(key).metadataDirective(MetadataDirective.REPLACE).contentType(JAR)
                .metadata(Map.of(SHA256_METADATA, sha256, "touched", Instant.now().toString()))
                .applyMutation(copy -> encryption(copy::serverSideEncryption, copy::ssekmsKeyId))),
                "touch " + sha256);
    }

    @Override
    public boolean exists(String sha256) {
        return head(keyOf(sha256)).isPresent();
    }

    @Override
    public long size(String sha256) throws IOException {
        return head(keyOf(sha256)).orElseThrow(() -> new NoSuchFileException(keyOf(sha256))).contentLength();
    }

    @Override
    public InputStream open(String sha256, long offset) throws IOException {
        String key = keyOf(sha256);
        try {
            ResponseInputStream<GetObjectResponse> object = call(() -> s3.getObject(b -> b.bucket(bucket).key(key)
                    .range(offset > 0 ? "bytes=" + offset + "-" : null)), "read " + sha256);
            return new AbortingStream(object);
        } catch (NoSuchKeyException missing) {
            throw new NoSuchFileException(key);
        }
    }

    @Override
    public void delete(String sha256) {
        String key = keyOf(sha256);
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)), "delete " + sha256);
    }

    @Override
    public boolean deleteIfUntouchedSince(String sha256, Instant instant) {
        String key = keyOf(sha256);
        Optional<HeadObjectResponse> object = head(key);
        if (object.isEmpty() || !object.get().lastModified().isBefore(instant)) {
            return false;
        }
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)), "delete " + sha256);
        return true;
    }

    @Override
    public int abortUploadsStartedBefore(Instant instant) {
        return call(() -> {
            int aborted = 0;
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))
                    .uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(instant)) {
                    abortQuietly(upload.key(), upload.uploadId());
                    aborted++;
                }
            }
            return aborted;
        }, "list unfinished uploads");
    }

    @Override
    public Optional<URI> downloadUrl(String sha256, String fileName) {
        if (!settings.presignedDownloads()) {
            return Optional.empty();
        }
        String key = keyOf(sha256);
        String disposition = "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
        return Optional.of(call(() -> presigner.presignGetObject(b -> b.signatureDuration(settings.presignDuration())
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentType(JAR)
                        .responseContentDisposition(disposition))), "sign a URL for " + sha256).url())
                .map(url -> URI.create(url.toString()));
    }

    @Override
    public void forEach(Consumer<StoredBlob> visitor) {
        call(() -> {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                String name = object.key().substring(prefix.length());
                // <ab>/<sha>.jar: anything else in the bucket under the prefix is not the registry's.
                if (name.length() == 3 + 64 + 4 && name.charAt(2) == '/' && name.endsWith(".jar")) {
                    String sha256 = name.substring(3, 67);
                    if (Sha256.isDigest(sha256) && name.startsWith(sha256.substring(0, 2))) {
                        visitor.accept(new StoredBlob(sha256, object.size(), object.lastModified()));
                    }
                }
            }
            return null;
        }, "list the stored JARs");
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            if (checksSha256) {
                // With the SHA-256 checksum it was stored with, which proves its bytes without reading them.
                try {
                    return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)
                            .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED)));
                } catch (S3Exception e) {
                    if (!notImplemented(e)) {
                        throw failure(e, "look up " + key);
                    }
                    stopCheckingSha256("it answered HTTP " + e.statusCode() + " to x-amz-checksum-mode");
                } catch (SdkException e) {
                    throw failure(e, "look up " + key);
                }
            }
            return Optional.of(call(() -> s3.headObject(b -> b.bucket(bucket).key(key)), "look up " + key));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    private void encryption(Consumer<ServerSideEncryption> algorithm, Consumer<String> key) {
        if (settings.serverSideEncryption() != null) {
            algorithm.accept(ServerSideEncryption.fromValue(settings.serverSideEncryption()));
        }
        if (settings.kmsKeyId() != null) {
            key.accept(settings.kmsKeyId());
        }
    }

    String keyOf(String sha256) {
        if (!Sha256.isDigest(sha256)) {
            throw new IllegalArgumentException("Not a SHA-256 digest: " + sha256);
        }
        return prefix + sha256.substring(0, 2) + "/" + sha256 + ".jar";
    }

    /**
     * One call to the store. A missing object is left to the caller ({@link NoSuchKeyException} or a
     * 404); anything else the store or the network does wrong becomes {@link StorageUnavailableException}.
     */
    private <T> T call(Supplier<T> request, String what) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failure(e, what);
        }
    }

    /** What a failed call to the store becomes. */
    private RuntimeException failure(SdkException e, String what) {
        if (e instanceof NoSuchKeyException missing) {
            return missing;
        }
        if (e instanceof S3Exception refused) {
            if (refused.statusCode() == 404 && !"NoSuchBucket".equals(code(refused))) {
                return NoSuchKeyException.builder().message(refused.getMessage()).statusCode(404).build();
            }
            return new StorageUnavailableException("The object store refused to " + what + " (HTTP "
                    + refused.statusCode() + (code(refused) == null ? "" : ", " + code(refused)) + ") in bucket "
                    + bucket + "; nothing was changed", refused);
        }
        return new StorageUnavailableException("The object store did not answer (" + e.getClass().getSimpleName()
                + "); nothing was changed, retry shortly", e);
    }

    /** Whether the store says it does not implement what a request asked for (S3Proxy, to checksum headers). */
    private static boolean notImplemented(S3Exception e) {
        return e.statusCode() == 501 || "NotImplemented".equals(code(e));
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** The file's range as a body the SDK may open again for a retry. */
    private static RequestBody body(Path file, long offset, long length) {
        return RequestBody.fromContentProvider(() -> {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return new BoundedStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, length, JAR);
    }

    /**
     * One pass over the file: its size, SHA-256, the MD5 of each part (the whole file being one part
     * when it fits in one) and the ETag the store will give it.
     */
    private Hashed hash(Path file) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        PartDigests parts = new PartDigests(partSize);
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
                parts.update(buffer, 0, read);
                size += read;
            }
        }
        return Hashed.of(size, HexFormat.of().formatHex(sha256.digest()), parts.finish(), partSize);
    }

    /** A file's size, SHA-256, parts' MD5s, and the ETag the store gives it (MD5, or MD5 of the MD5s and the count). */
    private record Hashed(long size, String sha256, List<byte[]> partMd5s, String etag) {

        static Hashed of(long size, String sha256, List<byte[]> md5s, long partSize) {
            String etag;
            if (size <= partSize) {
                etag = HexFormat.of().formatHex(md5s.get(0));
            } else {
                MessageDigest ofParts = PartDigests.md5();
                md5s.forEach(ofParts::update);
                etag = HexFormat.of().formatHex(ofParts.digest()) + "-" + md5s.size();
            }
            return new Hashed(size, sha256, List.copyOf(md5s), etag);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** At most {@code length} bytes of the stream. */
    private static final class BoundedStream extends FilterInputStream {

        private long remaining;

        BoundedStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(b, off, (int) Math.min(len, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }

    /**
     * The object's bytes; closed before their end (a client that went away, a range read to its end),
     * the connection is dropped rather than drained of the rest of a large object. A read the store
     * fails becomes an IOException, as a file's would.
     */
    private static final class AbortingStream extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> object;
        /** The bytes of the answer not read yet; negative when the store did not say. */
        private long remaining;
        private boolean ended;

        AbortingStream(ResponseInputStream<GetObjectResponse> object) {
            super(object);
            this.object = object;
            Long length = object.response().contentLength();
            this.remaining = length == null ? -1 : length;
        }

        @Override
        public int read() throws IOException {
            int b = guarded(super::read);
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int read = guarded(() -> super.read(b, off, len));
            counted(read);
            return read;
        }

        /** Read to its end (EOF, or every byte the store announced): the connection can be reused. */
        private void counted(int read) {
            if (read < 0) {
                ended = true;
            } else if (remaining > 0) {
                remaining -= read;
                ended |= remaining == 0;
            }
        }

        private interface Read {
            int read() throws IOException;
        }

        private static int guarded(Read read) throws IOException {
            try {
                return read.read();
            } catch (SdkException e) {
                throw new IOException("The object store failed while sending the bytes", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                object.abort();
            }
            super.close();
        }
    }
}
