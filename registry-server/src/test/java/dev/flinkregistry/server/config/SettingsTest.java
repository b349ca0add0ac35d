package dev.flinkregistry.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.analysis.AnalysisProperties;
import dev.flinkregistry.server.lease.LeaseProperties;
import dev.flinkregistry.server.resolve.ResolveProperties;
import dev.flinkregistry.server.security.AuthProperties;
import dev.flinkregistry.server.storage.StorageProperties;
import dev.flinkregistry.server.upload.UploadProperties;
import dev.flinkregistry.server.upload.UrlProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The settings records bind the names the README documents, with the defaults of the real
 * {@code application.yml}, and a bad value stops the start with a message naming the property.
 */
class SettingsTest {

    /** Not a {@code @Configuration}: the registry's component scan would take it into every test server. */
    @EnableConfigurationProperties({StorageProperties.class, UploadProperties.class, UrlProperties.class,
            AnalysisProperties.class, LeaseProperties.class, ResolveProperties.class, AuthProperties.class})
    static class AllSettings {}

    /** The real application.yml, with the overrides on top. */
    private static ApplicationContextRunner runner(String... overrides) {
        return new ApplicationContextRunner().withUserConfiguration(AllSettings.class)
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues(overrides);
    }

    @Test
    void bindsTheDocumentedNames() {
        runner("registry.resolve.public-url=https://registry.example.com/", "registry.urls.allowed-prefixes[0]=https://repo.example.com/jars/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AnalysisProperties.class).timeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context.getBean(StorageProperties.class).blobs().toString()).endsWith("blobs");
                    assertThat(context.getBean(ResolveProperties.class).publicUrl()).isEqualTo("https://registry.example.com");
                    assertThat(context.getBean(UrlProperties.class).allowedPrefixes())
                            .containsExactly("https://repo.example.com/jars/");
                    assertThat(context.getBean(LeaseProperties.class).defaultDuration()).isEqualTo(Duration.ofHours(24));
                    assertThat(context.getBean(AnalysisProperties.class).maxConcurrent()).isEqualTo(2);
                    assertThat(context.getBean(StorageProperties.class).collectionInterval()).isEqualTo(Duration.ofMinutes(10));
                    UploadProperties uploads = context.getBean(UploadProperties.class);
                    assertThat(uploads.maxConcurrent()).isEqualTo(32);
                    assertThat(uploads.maxConcurrentPerClient()).isEqualTo(8);
                    assertThat(uploads.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
                    AuthProperties auth = context.getBean(AuthProperties.class);
                    assertThat(auth.tokenDefaultLifetime()).isEqualTo(Duration.ofDays(90));
                    assertThat(auth.tokenMaxLifetime()).isEqualTo(Duration.ofDays(365));
                    assertThat(auth.oidc().scopes()).containsExactly("openid", "profile");
                    assertThat(auth.oidc().enabled()).isFalse();
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            registry.analysis.timeout          | 0s
            registry.analysis.timeout          | -5s
            registry.analysis.heap             | 1MB
            registry.analysis.max-concurrent   | 0
            registry.analysis.java-home        | /nowhere/java
            registry.storage.blob-grace-period | 0s
            registry.uploads.max-jar-size      | 10B
            registry.uploads.max-concurrent    | 0
            registry.uploads.max-concurrent-per-client | 33
            registry.uploads.idle-timeout      | 0s
            registry.urls.timeout              | 0s
            registry.urls.allowed-prefixes[0]  | ftp://mirror.example.com/
            registry.leases.default-duration   | -1h
            registry.resolve.cache-ttl         | -1s
            registry.resolve.public-url        | registry.example.com
            registry.auth.token-default-lifetime | 400d
            registry.auth.failures-per-minute  | 0
            registry.auth.oidc.issuer-uri      | ldap://login.example.com
            registry.auth.oidc.clock-skew      | 1h
            """)
    void aBadValueStopsTheStartNamingTheProperty(String property, String value) {
        runner(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(property.replaceAll("\\[0]$", ""));
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            registry.analysis.timeout | soon
            registry.analysis.heap    | lots
            """)
    void aValueOfTheWrongTypeStopsTheStartNamingTheProperty(String property, String value) {
        runner(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(property);
        });
    }

    @Test
    void theRemoteAnalysisServiceIsOffByDefaultAndNeedsAnHttpUrlAndALongToken() {
        runner().run(context -> assertThat(context.getBean(AnalysisProperties.class).remoteEnabled()).isFalse());
        runner("registry.analysis.remote.url=").run(context ->
                assertThat(context.getBean(AnalysisProperties.class).remoteEnabled()).as("an empty env var").isFalse());
        String token = "registry.analysis.remote.token=" + "t".repeat(32);
        runner("registry.analysis.remote.url=http://registry-analysis:8081", token).run(context -> {
            AnalysisProperties analysis = context.getBean(AnalysisProperties.class);
            assertThat(analysis.remoteEnabled()).isTrue();
            assertThat(analysis.remote().toString()).doesNotContain("tttt");
        });
        for (String[] bad : new String[][] {{"registry.analysis.remote.url=http://registry-analysis:8081"},
                {"registry.analysis.remote.url=http://registry-analysis:8081", "registry.analysis.remote.token=short"},
                {"registry.analysis.remote.url=ftp://registry-analysis", token}}) {
            runner(bad).run(context -> {
                assertThat(context).hasFailed();
                assertThat(messages(context.getStartupFailure())).contains("registry.analysis.remote.");
            });
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
