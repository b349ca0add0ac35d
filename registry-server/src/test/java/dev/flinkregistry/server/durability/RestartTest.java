package dev.flinkregistry.server.durability;

import static dev.flinkregistry.server.support.RegistryHttp.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart of the server keeps every connector, version, pointer and byte, on H2 and on PostgreSQL. */
class RestartTest {

    @Test
    void keepsEverythingAcrossARestartOnH2(@TempDir Path data) {
        keepsEverythingAcrossARestart(data, TestDatabases.h2());
    }

    @Test
    void keepsEverythingAcrossARestartOnPostgres(@TempDir Path data) {
        keepsEverythingAcrossARestart(data, TestDatabases.freshPostgresSchema());
    }

    private static void keepsEverythingAcrossARestart(Path data, Map<String, Object> database) {
        try (RunningRegistry registry = RunningRegistry.start(data, database)) {
            assertThat(registry.http().register("sequence", TestJars.sequenceV1()).status()).isEqualTo(201);
            assertThat(registry.http().update("sequence", TestJars.sequenceV2()).status()).isEqualTo(201);
            assertThat(registry.http().putJson(DEFAULT + "/connectors/sequence/current",
                    Map.of("version", 1, "force", true)).status()).isEqualTo(200);
            String sha256 = registry.http().get(DEFAULT + "/connectors/sequence/versions/2").json()
                    .path("sha256").asString();

            registry.stop();
            registry.startAgain();

            Answer connector = registry.http().get(DEFAULT + "/connectors/sequence");
            assertThat(connector.status()).isEqualTo(200);
            assertThat(connector.json().path("currentVersion").asInt()).isEqualTo(1);
            assertThat(connector.json().path("versionCount").asInt()).isEqualTo(2);
            Answer download = registry.http().get(DEFAULT + "/jars/" + sha256);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("X-Checksum-SHA256")).isEqualTo(sha256);
            assertThat(registry.http().get(DEFAULT + "/connectors?identifier=sequence").json().path("total").asInt())
                    .isEqualTo(1);
        }
    }
}
