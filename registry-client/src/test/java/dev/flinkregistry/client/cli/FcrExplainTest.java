package dev.flinkregistry.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fcr explain} against a WireMock registry: the text from a file or from stdin sent as
 * {@code {"error": …}}, the answer printed (problem, providers, options, fix), exit status 0 when
 * something was recognised and 5 when nothing was, and a text over 256 KiB refused before anything is
 * sent (exit status 2). The real server's answers: registry-e2e's {@code ExplainFlinkErrorsTest}.
 */
class FcrExplainTest {

    private static final String PATH = "/api/v1/workspaces/default/explain";
    private static final String TRACE = "Caused by: org.apache.flink.table.api.ValidationException: Unsupported options "
            + "found for 'sequence'.\n\nUnsupported options:\n\nstep\n";
    private static final String EXPLAINED = """
            {"workspace":"default","flinkVersion":"1.20","problems":[{"kind":"UNSUPPORTED_OPTIONS",
              "identifier":"sequence","family":"table-connector","builtIn":false,
              "providers":[{"connector":"sequence","version":2,"current":true,"family":"table-connector",
                "flinkVersion":"1.20","builtFor":"1.20.3","suitable":true,"sha256":"ab12","size":10,"url":"http://r/jars/ab12"}],
              "unsupportedOptions":[{"key":"step","suggestion":null,"declaredBy":["sequence 2 (current)"]}],
              "suggestions":[],"explanation":"Flink refused 1 option(s) of 'sequence'.",
              "fix":["fcr fetch job.sql --print add_jar","ADD JAR 'http://r/jars/ab12';"]}]}""";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {}

    private Run fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--server", registry.baseUrl(), "--token", "t")).toArray(String[]::new);
        CommandLine commandLine = Fcr.commandLine(Map.of("HOME", temp.toString()), all);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(all), out.toString(), err.toString());
    }

    @Test
    void sendsTheFileAndPrintsTheExplanation() throws IOException {
        registry.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(EXPLAINED)));
        Path file = Files.writeString(temp.resolve("trace.txt"), TRACE);

        Run run = fcr("explain", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("UNSUPPORTED_OPTIONS 'sequence' (table-connector)",
                "sequence version 2 (current), Flink 1.20, built for 1.20.3  sha256 ab12",
                "Option 'step' declared by sequence 2 (current)", "Fix:", "    ADD JAR 'http://r/jars/ab12';");
        registry.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"error\": " + com.github.tomakehurst.wiremock.common.Json.write(TRACE) + "}")));
    }

    @Test
    void readsStdinAndExitsWithFiveWhenNothingIsRecognised() {
        registry.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"workspace\":\"default\",\"flinkVersion\":"
                + "\"1.20\",\"problems\":[],\"message\":\"No Flink factory, option or class-loading error was recognised\"}")));
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("job cancelled".getBytes(StandardCharsets.UTF_8)));
            Run run = fcr("explain", "-");

            assertThat(run.exitCode()).isEqualTo(5);
            assertThat(run.out()).contains("No Flink factory");
            registry.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
                    "{\"error\": \"job cancelled\"}")));
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void refusesATextOver256KibWithoutSendingIt() throws IOException {
        Path file = Files.writeString(temp.resolve("log.txt"), "x".repeat(256 * 1024 + 1));

        Run run = fcr("explain", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("longer than 256 KiB");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }
}
