package dev.flinkregistry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The registry's settings ({@code registry.*}, or environment variables such as {@code REGISTRY_DATA_DIR}).
 *
 * @param dataDir where the embedded database, the stored JARs and scratch files live
 * @param maxJarSize largest JAR accepted, by upload or URL
 * @param analysisTimeout time limit for loading a JAR's factories in the sandbox
 * @param analysisHeap heap of the sandboxed analysis JVM
 * @param maxConcurrentAnalyses analyses run at once; more wait their turn
 * @param allowedUrlPrefixes URLs a JAR may be registered from (empty: any public http(s) URL)
 * @param allowPrivateAddresses whether URLs may point at loopback, private, link-local addresses
 * @param urlTimeout time limit for downloading a JAR from a URL
 * @param leaseDuration how long a job's lease lasts unless released or renewed
 * @param blobGracePeriod how old unreferenced stored bytes must be before they are collected
 * @param publicUrl the base URL clients reach this server at, for download links (else the request's)
 * @param resolveCacheTtl how long a server reuses a resolve's answer; its own changes clear it at
 *     once, another replica's are seen within this time (0 turns the cache off)
 * @param analysisJavaHome the Java the sandboxed analysis runs on (else this one, or a newer JDK
 *     installed beside it when a Flink version runs on a newer Java)
 */
@ConfigurationProperties("registry")
public record RegistryProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("512MB") DataSize maxJarSize,
        @DefaultValue("30s") Duration analysisTimeout,
        @DefaultValue("256MB") DataSize analysisHeap,
        @DefaultValue("2") int maxConcurrentAnalyses,
        @DefaultValue List<String> allowedUrlPrefixes,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("60s") Duration urlTimeout,
        @DefaultValue("24h") Duration leaseDuration,
        @DefaultValue("1h") Duration blobGracePeriod,
        String publicUrl,
        Path analysisJavaHome,
        @DefaultValue("2s") Duration resolveCacheTtl) {}
