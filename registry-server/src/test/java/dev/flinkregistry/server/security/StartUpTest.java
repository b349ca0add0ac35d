package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RunningRegistry;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first start prints the administrator token once, and nothing prints a generated password. */
@ExtendWith(OutputCaptureExtension.class)
class StartUpTest {

    @Test
    void theFirstStartPrintsTheAdministratorTokenOnceAndNoGeneratedPassword(CapturedOutput output) throws Exception {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of())) {
            String token = registry.adminToken();

            assertThat(token).startsWith("fcr_");
            assertThat(output.getOut().split(java.util.regex.Pattern.quote(token), -1)).hasSize(2);
            assertThat(output.getAll()).doesNotContainIgnoringCase("generated security password")
                    .doesNotContainIgnoringCase("Using generated");

            registry.stop();
            int printed = output.getOut().length();
            registry.startAgain();
            assertThat(output.getOut().substring(printed)).doesNotContain("fcr_");
            assertThat(Files.readString(registry.dataDir().resolve("initial-admin-token")).strip()).isEqualTo(token);
        }
    }

    @Test
    void noTokenIsMadeWhenTheOperatorSwitchesItOff(CapturedOutput output) throws Exception {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("registry.auth.bootstrap-token", "false"))) {
            assertThat(registry.adminToken()).isNull();
            assertThat(output.getOut()).doesNotContain("fcr_");
            assertThat(registry.http().as(null).get("/api/v1/workspaces").status()).isEqualTo(401);
        }
    }
}
