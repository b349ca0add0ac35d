package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.NotFoundException;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.OptionInfo;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's connector workflow in a real browser against the packaged server, checked in the page
 * and, through the REST API, in what the registry stored: create with the wizard, list, options and
 * template, update with its diff, roll back, delete; a refused JAR; a breaking update that needs force.
 */
class ConsoleConnectorFlowTest {

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private RegistryServerProcess server;
    private String workspace;
    private HttpRegistryClient api;
    private Console console;

    @BeforeEach
    void signInAsAdmin() {
        server = registry.server();
        workspace = server.newWorkspace("console-flow");
        api = RegistryApi.admin(server, workspace);
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
        console.signIn(server.adminToken());
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void createsListsShowsUpdatesRollsBackAndDeletesAConnector() {
        // Create: upload, parse (nothing stored yet), name, finish.
        console.show(ws("/new"), "new").click("input#source-file").chooseJar(TestJars.sequenceV1()).click("#parse");
        WebElement factory = console.awaitPresent("#analysis section.factory[data-identifier='sequence']", Console.ANALYSIS);
        assertThat(factory.findElement(By.cssSelector("table.options")).getText())
                .contains("number-of-rows", "start", "name-prefix");
        assertThat(api.list(ListQuery.all()).total()).as("parsing stores nothing").isZero();
        console.type("input#connector-name", "numbers");
        assertThat(console.find("#finish").isEnabled()).isTrue();
        console.clearReady().click("#finish").awaitReady("connector");
        assertThat(console.driver().getCurrentUrl()).endsWith("/connectors/numbers");
        Version v1 = api.connector("numbers").current();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.sha256()).isEqualTo(TestJars.sha256(TestJars.sequenceV1()));

        // The list shows it, with its identifier's badges.
        console.show(ws("/connectors"), "connectors");
        WebElement row = console.find("table#connectors tr[data-connector='numbers']");
        ConnectorSummary summary = api.list(ListQuery.all()).items().get(0);
        assertThat(row.getText()).contains("numbers", "sequence");
        List<String> capabilityBadges = texts(row, "span.badge[data-kind='capability']");
        assertThat(capabilityBadges).as("capability badges").isNotEmpty();
        for (String capability : summary.factories().get(0).capabilities()) {
            assertThat(capabilityBadges).anySatisfy(badge -> assertThat(badge).containsIgnoringCase(capability));
        }
        assertThat(texts(row, "span.badge[data-kind='family']")).as("family badges").isNotEmpty();

        // The connector page: facts, the options table, the template.
        console.clearReady();
        row.findElement(By.cssSelector("a")).click();
        console.awaitReady("connector");
        assertThat(console.text("h1")).isEqualTo("numbers");
        assertThat(console.text("#facts #sha256")).contains(v1.sha256());
        FactoryInfo stored = v1.analysis().factories().get(0);
        String section = "section.factory[data-identifier='sequence']";
        assertThat(console.attributes(section + " table.options tr[data-key]", "data-key"))
                .containsExactlyInAnyOrderElementsOf(stored.options().stream().map(OptionInfo::key).toList());
        assertThat(console.text(section + " table.options tr[data-key='number-of-rows']").toLowerCase(Locale.ROOT))
                .contains("required");
        assertThat(console.text(section + " pre.template"))
                .contains("CREATE TABLE", "WITH (", "'connector' = 'sequence'", "'number-of-rows'");
        assertThat(console.present(section + " .copy-template")).isTrue();
        assertThat(console.attributes("table#versions tr[data-version]", "data-version")).containsExactly("1");

        // Update: the diff against the current version shows the new option; not breaking.
        console.clearReady().click("a#update-connector").awaitReady("update");
        console.chooseJar(TestJars.sequenceV2()).click("#parse");
        console.await("#diff naming the new option 'step'", Console.ANALYSIS,
                driver -> !console.findAll("#diff").isEmpty() && console.text("#diff").contains("step"));
        assertThat(console.present("#diff .breaking")).as("adding an optional option breaks nothing").isFalse();
        assertThat(console.find("#finish").isEnabled()).isTrue();
        console.clearReady().click("#finish").awaitReady("connector");
        Version v2 = api.connector("numbers").current();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.sha256()).isEqualTo(TestJars.sha256(TestJars.sequenceV2()));
        console.awaitPresent("table#versions tr[data-version='2']", Console.PAGE);
        assertThat(console.text("#facts #sha256")).contains(v2.sha256());

        // Roll back to 1: the dialog shows the rollback's diff (it drops 'step', so it breaks) and wants force.
        console.click("table#versions tr[data-version='1'] .rollback");
        WebElement dialog = console.awaitPresent("dialog#confirm[open]", Console.PAGE);
        assertThat(dialog.getText()).contains("step");
        assertThat(console.present("dialog#confirm .breaking")).isTrue();
        assertThat(console.find("#confirm-ok").isEnabled()).as("OK before force is ticked").isFalse();
        console.click("#confirm-force");
        assertThat(console.find("#confirm-ok").isEnabled()).isTrue();
        console.click("#confirm-ok");
        console.await("the facts showing version 1's SHA-256 again", Console.PAGE,
                driver -> !console.findAll("#facts #sha256").isEmpty() && console.text("#facts #sha256").contains(v1.sha256()));
        assertThat(api.connector("numbers").currentVersion()).isEqualTo(1);
        assertThat(api.versions("numbers")).hasSize(2);

        // Delete version 2 (no longer current), with confirmation.
        console.click("table#versions tr[data-version='2'] .delete-version");
        console.awaitPresent("dialog#confirm[open]", Console.PAGE);
        console.click("#confirm-ok").awaitAbsent("table#versions tr[data-version='2']", Console.PAGE);
        assertThat(api.versions("numbers")).extracting(Version::version).containsExactly(1);

        // Delete the connector: cancelling keeps it, confirming deletes it.
        console.click("#delete-connector").awaitPresent("dialog#confirm[open]", Console.PAGE);
        console.click("#confirm-cancel").awaitAbsent("dialog#confirm[open]", Console.PAGE);
        assertThat(api.connector("numbers").currentVersion()).isEqualTo(1);
        console.click("#delete-connector").awaitPresent("dialog#confirm[open]", Console.PAGE);
        console.click("#confirm-ok");
        console.await("the connector deleted", Console.PAGE, driver -> api.list(ListQuery.all()).total() == 0);
        assertThatThrownBy(() -> api.connector("numbers")).isInstanceOf(NotFoundException.class);
        console.show(ws("/connectors"), "connectors");
        assertThat(console.present("table#connectors tr[data-connector='numbers']")).isFalse();
    }

    @Test
    void showsTheFindingsOfARefusedJarAndNeverFinishes() {
        console.show(ws("/new"), "new").chooseJar(TestJars.jar("broken-static-init-throws.jar")).click("#parse");
        console.awaitPresent("ul#findings > li.finding[data-code]", Console.ANALYSIS);

        List<WebElement> findings = console.findAll("ul#findings > li.finding[data-code]");
        assertThat(findings).extracting(finding -> finding.getDomAttribute("data-code"))
                .contains("FACTORY_STATIC_INIT_FAILED");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.getDomAttribute("data-severity")).isNotBlank();
            assertThat(finding.getText()).as("a finding says what happened").isNotBlank();
        });
        assertThat(findings).anySatisfy(finding -> assertThat(finding.getDomAttribute("data-severity"))
                .isEqualToIgnoringCase("error"));
        if (console.present("input#connector-name")) {
            console.type("input#connector-name", "boom");
        }
        // Even an admin accepting every finding it may accept cannot register a JAR in which no factory loads.
        for (WebElement accept : console.findAll("input.accept-finding")) {
            accept.click();
        }
        if (console.present("textarea#accept-reason")) {
            console.type("textarea#accept-reason", "trying anyway");
        }
        assertThat(console.find("#finish").isEnabled()).as("Finish with a refusing finding").isFalse();
        assertThat(api.list(ListQuery.all()).total()).as("nothing stored").isZero();
    }

    @Test
    void appliesABreakingUpdateOnlyWhenForced() {
        api.register("numbers", TestJars.sequenceV2());

        console.show(ws("/connectors/numbers/update"), "update").chooseJar(TestJars.sequenceV1()).click("#parse");
        console.awaitPresent("#diff .breaking", Console.ANALYSIS);
        assertThat(console.text("#diff")).contains("step");
        assertThat(console.find("#force").isSelected()).isFalse();
        assertThat(console.find("#finish").isEnabled()).as("Update before force is ticked").isFalse();
        assertThat(api.connector("numbers").currentVersion()).isEqualTo(1);

        console.click("#force");
        assertThat(console.find("#finish").isEnabled()).isTrue();
        console.clearReady().click("#finish").awaitReady("connector");

        Version current = api.connector("numbers").current();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.sha256()).isEqualTo(TestJars.sha256(TestJars.sequenceV1()));
    }

    private String ws(String route) {
        return "/workspaces/" + workspace + route;
    }

    private static List<String> texts(WebElement parent, String css) {
        return parent.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
