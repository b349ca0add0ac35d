package dev.flinkregistry.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The delivery commands' usage against a WireMock registry: {@code fetch --into --jar},
 * {@code k8s}, {@code lease renew|release}. Against the real server they run in registry-e2e's
 * KubernetesDeliveryTest. Bad usage tried (exit 2, nothing sent): --jar without --into, a --jar that
 * is not NAME=SHA256@URL, k8s without SQL or identifiers, k8s without --name, lease renew with an
 * interval that is no duration, or not shorter than the lease.
 */
class FcrDeliveryTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final String SHA = "a".repeat(64);

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    private Run fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine(Map.of("HOME", temp.toString(), "FCR_SERVER", registry.baseUrl(),
                "FCR_TOKEN", "s3cr3t"), args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void refusesBadUsageWithoutAskingTheRegistry() {
        String jar = "x.jar=" + SHA + "@" + registry.baseUrl() + API + "/jars/" + SHA;
        assertThat(fcr("fetch", "--jar", jar).err()).contains("--jar needs --into DIR");
        Run notPinned = fcr("fetch", "--into", temp.resolve("d").toString(), "--jar", "../x.jar=" + SHA + "@http://r/x");
        assertThat(notPinned.exitCode()).isEqualTo(2);
        assertThat(notPinned.err()).contains("FILE_NAME.jar=SHA256@URL");
        assertThat(fcr("k8s", "--name", "orders").exitCode()).isEqualTo(2);
        assertThat(fcr("k8s", "-i", "kafka").err()).contains("--name");
        assertThat(fcr("lease", "renew", "job", "--every", "soon").err()).contains("Not a duration: soon");
        assertThat(fcr("lease", "renew", "job", "--every", "2h", "--lease-seconds", "3600").err())
                .contains("--every must be shorter than --lease-seconds");
        assertThat(fcr("fetch", "--jar", jar).exitCode()).isEqualTo(2);
        assertThat(temp.resolve("d")).doesNotExist();
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void renewsAJobsLeaseOnce() {
        registry.stubFor(put(urlPathEqualTo(API + "/leases/orders")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"jobId\":\"orders\",\"expiresAt\":\"2026-12-07T05:00:00Z\",\"versions\":3}")));

        // As the renewal sidecar runs it: options first, then "--", so the job id is never an option.
        Run run = fcr("lease", "renew", "--lease-seconds", "7200", "--", "orders");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lease of job orders renewed until 2026-12-07T05:00:00Z");
        registry.verify(1, putRequestedFor(urlPathEqualTo(API + "/leases/orders"))
                .withRequestBody(equalToJson("{\"leaseSeconds\":7200}")));
    }

    @Test
    void endsWithTheRefusalWhenTheLeaseIsGone() {
        registry.stubFor(put(urlPathEqualTo(API + "/leases/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"code\":\"LEASE_NOT_FOUND\",\"detail\":\"Job gone holds no running lease\"}")));

        Run run = fcr("lease", "renew", "gone", "--every", "1h");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("LEASE_NOT_FOUND (404)");
    }
}
