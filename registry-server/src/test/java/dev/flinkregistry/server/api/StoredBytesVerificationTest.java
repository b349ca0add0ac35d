package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.storage.RealStore;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.annotation.Bean;

/**
 * The bytes committed are the bytes hashed and analysed: when the received file changes after it
 * was hashed (failure injected: a store that appends to the file it is handed), nothing is
 * registered and the answer says so with its own code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredBytesVerificationTest {

    private static final AtomicBoolean TAMPER = new AtomicBoolean();

    private RunningRegistry registry;
    private RegistryHttp http;

    /**
     * The real file-system store behind a wrapper that changes the file first, while {@link #TAMPER} is
     * set. Not a {@code @Configuration}: the registry's component scan would take it into every test server.
     */
    static class TamperingStore {
        @Bean
        @org.springframework.context.annotation.Primary
        BlobStore blobStore(@org.springframework.beans.factory.annotation.Value("${registry.storage.data-dir}") Path dir)
                throws IOException {
            BlobStore real = RealStore.under(dir.resolve("blobs"));
            return new BlobStore() {
                @Override
                public void put(String sha256, Path file) throws IOException {
                    if (TAMPER.get()) {
                        Files.writeString(file, "appended after hashing", StandardOpenOption.APPEND);
                    }
                    real.put(sha256, file);
                }

                @Override
                public boolean exists(String sha256) {
                    return real.exists(sha256);
                }

                @Override
                public long size(String sha256) throws IOException {
                    return real.size(sha256);
                }

                @Override
                public InputStream open(String sha256, long offset) throws IOException {
                    return real.open(sha256, offset);
                }

                @Override
                public Optional<Path> localFile(String sha256) {
                    return real.localFile(sha256);
                }

                @Override
                public void delete(String sha256) throws IOException {
                    real.delete(sha256);
                }

                @Override
                public boolean deleteIfUntouchedSince(String sha256, Instant instant) throws IOException {
                    return real.deleteIfUntouchedSince(sha256, instant);
                }

                @Override
                public void forEach(Consumer<StoredBlob> visitor) throws IOException {
                    real.forEach(visitor);
                }
            };
        }
    }

    @BeforeAll
    void start() throws IOException {
        registry = RunningRegistry.start(Files.createTempDirectory("registry-verify-"), Map.of(), TamperingStore.class);
        http = registry.http();
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void refusesToCommitBytesThatChangedAfterTheyWereHashed() {
        TAMPER.set(true);
        try {
            Answer answer = http.postJar("/api/v1/workspaces/default/connectors?name=tampered", TestJars.sequenceV1());

            assertThat(answer.status()).as(answer.text()).isEqualTo(500);
            assertThat(answer.json().path("code").asString()).isEqualTo("STORED_BYTES_CHANGED");
            assertThat(http.get("/api/v1/workspaces/default/connectors/tampered").status()).isEqualTo(404);
            assertThat(http.get("/api/v1/workspaces/default/connectors").json().path("total").asLong()).isZero();
        } finally {
            TAMPER.set(false);
        }
        Answer honest = http.postJar("/api/v1/workspaces/default/connectors?name=tampered", TestJars.sequenceV1());
        assertThat(honest.status()).as(honest.text()).isEqualTo(201);
    }
}
