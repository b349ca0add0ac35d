package dev.flinkregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for tests: S3Proxy, in this JVM, on a free loopback port, keeping the
 * objects as files under a directory (jclouds' filesystem back end), checking AWS Signature V4 with a
 * test key pair. Path-style, or virtual-host style ({@link #startVirtualHostedUnder}).
 * One per JVM ({@link #shared()}); each test takes its own bucket.
 */
public final class S3Server implements AutoCloseable {

    /** The access key id every S3Server accepts (AWS_ACCESS_KEY_ID, or the system property aws.accessKeyId). */
    public static final String ACCESS_KEY = "fcr-test-access";
    /** The secret key that goes with {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "fcr-test-secret-key";
    /** The host name buckets are virtual hosts of ({@code bucket.s3.localhost}), for clients that resolve it. */
    private static final String VIRTUAL_HOST = "s3.localhost";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Server shared;

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path root;

    private S3Server(Path root) throws Exception {
        this(root, false);
    }

    private S3Server(Path root, boolean virtualHosts) throws Exception {
        this.root = root;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", root.toString());
        this.context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        S3Proxy.Builder builder = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
        this.proxy = (virtualHosts ? builder.virtualHost(VIRTUAL_HOST) : builder).build();
        proxy.start();
        Await.until("S3Proxy started", Duration.ofSeconds(30), () -> "STARTED".equals(proxy.getState()));
    }

    /**
     * A server for this JVM, started on first use; the AWS SDK's default credentials chain finds its keys.
     *
     * @return the running server
     */
    public static synchronized S3Server shared() {
        if (shared == null) {
            try {
                shared = new S3Server(Files.createTempDirectory("s3proxy-"));
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * Starts a server of its own (e.g. one a test stops), keeping its objects under {@code root}.
     *
     * @param root the directory of its buckets and objects
     * @return the running server
     */
    public static S3Server startUnder(Path root) {
        try {
            return new S3Server(root);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /**
     * Starts a server of its own that takes only virtual-host requests ({@code <bucket>.s3.localhost}:
     * S3Proxy then reads every request's bucket from its host name), keeping its objects under {@code root}.
     *
     * @param root the directory of its buckets and objects
     * @return the running server
     */
    public static S3Server startVirtualHostedUnder(Path root) {
        try {
            return new S3Server(root, true);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /**
     * The port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return proxy.getPort();
    }

    /**
     * Where it listens.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * The name buckets are virtual hosts of; a client must resolve {@code <bucket>.<name>} to 127.0.0.1.
     *
     * @return {@code s3.localhost}
     */
    public String virtualHostName() {
        return VIRTUAL_HOST;
    }

    /**
     * Creates a new, empty bucket.
     *
     * @return its name
     */
    public String newBucket() {
        String name = "fcr-" + BUCKETS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        context.getBlobStore().createContainerInLocation(null, name);
        return name;
    }

    /**
     * The registry's settings for a new bucket of this server, path-style, with the key prefix {@code blobs/}.
     *
     * @return Spring properties ({@code registry.storage.s3.*})
     */
    public Map<String, Object> registrySettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("registry.storage.s3.bucket", newBucket());
        settings.put("registry.storage.s3.endpoint", endpoint().toString());
        settings.put("registry.storage.s3.path-style", "true");
        settings.put("registry.storage.s3.region", "us-east-1");
        return settings;
    }

    /**
     * The file that holds an object, for tests that change the stored bytes or their time behind the registry's back.
     *
     * @param bucket the bucket
     * @param key the object's key
     * @return the file (it may not exist)
     */
    public Path objectFile(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    /**
     * Makes the object look last written at {@code when}: S3Proxy's file back end reports the file's time.
     *
     * @param bucket the bucket
     * @param key the object's key
     * @param when the time it reports as LastModified from now on
     */
    public void age(String bucket, String key, Instant when) {
        try {
            Files.setLastModifiedTime(objectFile(bucket, key), FileTime.from(when));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server; its objects stay on disk. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a test server: nothing to do about it.
        }
        context.close();
    }
}
