package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery.Wanted;
import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The leases on a connector's page: each running job with who took the lease, when it expires and
 * which version it holds; an admin releases any of them, a submitter only its own, a viewer none.
 * What the page shows and what releasing did are checked against the REST API's leases listing.
 */
class ConsoleLeasesTest {

    private static final String SUBMITTERS_JOB = "orders-enrichment-7";
    private static final String ADMINS_JOB = "nightly-audit-2";

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private RegistryServerProcess server;
    private String workspace;
    private String submitterToken;
    private Console console;

    @BeforeEach
    void twoJobsHoldTheConnectorsVersion() {
        server = registry.server();
        workspace = server.newWorkspace("console-leases");
        HttpRegistryClient admin = RegistryApi.admin(server, workspace);
        admin.register("numbers", TestJars.sequenceV1());
        submitterToken = RegistryApi.newToken(server, workspace, "submitter");
        lease(RegistryApi.client(server, workspace, submitterToken), SUBMITTERS_JOB);
        lease(admin, ADMINS_JOB);
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void anAdminSeesEveryJobHoldingAVersionAndReleasesOne() throws Exception {
        console.signIn(server.adminToken());
        console.show(connectorPage(), "connector");

        assertThat(console.attributes("table#leases tr[data-job]", "data-job"))
                .containsExactlyInAnyOrder(SUBMITTERS_JOB, ADMINS_JOB);
        String row = "table#leases tr[data-job='" + SUBMITTERS_JOB + "']";
        assertThat(console.text(row)).contains("token:submitter-", "v1");
        assertThat(console.text("table#leases tr[data-job='" + ADMINS_JOB + "']")).contains("token:initial-admin", "v1");
        assertThat(console.findAll("table#leases .release")).as("an admin may release every lease").hasSize(2);

        console.click(row + " .release").awaitPresent("dialog#confirm[open]", Console.PAGE);
        console.click("#confirm-ok").awaitAbsent(row, Console.PAGE);

        String listed = leases();
        assertThat(listed).doesNotContain(SUBMITTERS_JOB).contains(ADMINS_JOB);
        assertThat(console.attributes("table#leases tr[data-job]", "data-job")).containsExactly(ADMINS_JOB);
    }

    @Test
    void aSubmitterMayReleaseOnlyItsOwnJobsLeaseAndAViewerNone() throws Exception {
        console.signIn(submitterToken);
        console.show(connectorPage(), "connector");

        List<WebElement> buttons = console.findAll("table#leases .release");
        assertThat(buttons).extracting(button -> button.getDomAttribute("data-job")).containsExactly(SUBMITTERS_JOB);

        console.close();
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
        console.signIn(RegistryApi.newToken(server, workspace, "viewer"));
        console.show(connectorPage(), "connector");
        assertThat(console.attributes("table#leases tr[data-job]", "data-job")).hasSize(2);
        assertThat(console.present("table#leases .release")).as("a viewer releases nothing").isFalse();
        assertThat(leases()).contains(SUBMITTERS_JOB, ADMINS_JOB);
    }

    private String connectorPage() {
        return "/workspaces/" + workspace + "/connectors/numbers";
    }

    private static void lease(HttpRegistryClient client, String jobId) {
        client.resolve(new ResolveQuery(List.of(new Wanted("sequence", null)), null, jobId, null));
    }

    /** The workspace's running leases, as the REST API lists them. */
    private String leases() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/workspaces/" + workspace
                + "/leases")).header("Authorization", "Bearer " + server.adminToken()).GET().build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }
}
