package dev.flinkregistry.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a start looks like to an operator: a log without warnings the registry could avoid (no
 * generated password for a user it does not have, no springdoc reminders that it is on by
 * default), and Swagger UI and {@code /v3/api-docs} switched off by springdoc's own properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerStartTest {

    /**
     * The warnings left, each for a reason the registry cannot remove: Flyway has verified H2 only
     * up to 2.3.232, and Spring Boot manages 2.4.240.
     */
    private static final List<Pattern> UNAVOIDABLE_WARNINGS = List.of(
            Pattern.compile("Using H2 [0-9.]+ which is newer than the version Flyway has been verified with"));

    @Test
    void startsWithoutWarningsItCouldAvoid(CapturedOutput output) {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of())) {
            assertThat(registry.http().get("/actuator/health/liveness").status()).isEqualTo(200);
        }

        assertThat(output.getOut()).contains("Tomcat started on port")
                .doesNotContainIgnoringCase("generated security password").doesNotContain("SpringDoc");
        List<String> warnings = output.getOut().lines().filter(line -> line.matches("\\S+\\s+(WARN|ERROR) .*")).toList();
        assertThat(warnings).as("warnings at start and stop")
                .allMatch(line -> UNAVOIDABLE_WARNINGS.stream().anyMatch(known -> known.matcher(line).find()));
    }

    @Test
    void swaggerUiAndApiDocsSwitchOffWithSpringdocProperties() {
        try (RunningRegistry registry = RunningRegistry.startFresh(Map.of("springdoc.api-docs.enabled", "false",
                "springdoc.swagger-ui.enabled", "false"))) {
            RegistryHttp http = registry.http();

            for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html",
                    "/swagger-ui/index.html")) {
                Answer answer = http.get(path);
                assertThat(answer.status()).as(path).isEqualTo(404);
                assertThat(answer.json().path("code").asString()).as(path).isEqualTo("NOT_FOUND");
            }
            assertThat(http.get("/openapi.yaml").status()).as("the contract file is served either way").isEqualTo(200);
        }
    }
}
