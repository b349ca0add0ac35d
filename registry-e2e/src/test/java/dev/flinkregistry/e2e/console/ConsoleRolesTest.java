package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console renders no action the signed-in role may not take: a viewer sees none of an admin's buttons. */
class ConsoleRolesTest {

    private static final List<String> LIST_ACTIONS = List.of("a#new-connector", "a#nav-new", "a#nav-audit");
    private static final List<String> CONNECTOR_ACTIONS =
            List.of("#update-connector", "#delete-connector", ".rollback", ".delete-version");

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private RegistryServerProcess server;
    private String workspace;
    private Console console;

    @BeforeEach
    void connectorWithTwoVersions() {
        server = registry.server();
        workspace = server.newWorkspace("console-roles");
        HttpRegistryClient admin = RegistryApi.admin(server, workspace);
        admin.register("numbers", TestJars.sequenceV1());
        admin.update("numbers", TestJars.sequenceV2(), false);
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void hidesEveryChangeFromAViewer() {
        console.signIn(RegistryApi.newToken(server, workspace, "viewer"));

        console.show("/workspaces/" + workspace + "/connectors", "connectors");
        assertThat(console.text("#who")).containsIgnoringCase("viewer");
        assertThat(console.present("table#connectors tr[data-connector='numbers']")).isTrue();
        assertThat(LIST_ACTIONS).allSatisfy(action -> assertThat(console.present(action)).as(action).isFalse());

        console.show("/workspaces/" + workspace + "/connectors/numbers", "connector");
        assertThat(console.present("table#versions tr[data-version='1']")).isTrue();
        assertThat(CONNECTOR_ACTIONS).allSatisfy(action -> assertThat(console.present(action)).as(action).isFalse());
    }

    @Test
    void offersEveryActionToAnAdmin() {
        console.signIn(server.adminToken());

        console.show("/workspaces/" + workspace + "/connectors", "connectors");
        assertThat(LIST_ACTIONS).allSatisfy(action -> assertThat(console.present(action)).as(action).isTrue());

        console.show("/workspaces/" + workspace + "/connectors/numbers", "connector");
        assertThat(CONNECTOR_ACTIONS).allSatisfy(action -> assertThat(console.present(action)).as(action).isTrue());
    }
}
