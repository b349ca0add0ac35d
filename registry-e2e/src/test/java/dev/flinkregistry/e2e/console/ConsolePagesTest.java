package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page of the console, each showing real content: checked by axe-core (no serious or critical
 * violation), photographed into {@code target/console-screenshots}, and watched for Content-Security-Policy
 * violations (the server's CSP allows no inline script or style); and the main pages at 400 px wide.
 */
class ConsolePagesTest {

    private static final String SCRIPT = """
            CREATE TABLE numbers (id BIGINT) WITH (
              'connector' = 'sequence',
              'number-of-rowz' = '10'
            );
            """;

    // Elements of the header and main that reach past the window's right edge (clipped or not), except
    // inside a region that scrolls sideways on purpose (a wide table).
    private static final String STICKING_OUT = """
            const width = document.documentElement.clientWidth;
            const scrolls = el => {
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
              }
              return false;
            };
            return [...document.querySelectorAll('header *, main *')].filter(el => {
              const box = el.getBoundingClientRect();
              return box.width > 0 && box.right > width + 1 && !scrolls(el);
            }).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : '')
                + ' reaches ' + Math.round(el.getBoundingClientRect().right) + ' px');
            """;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private RegistryServerProcess server;
    private String workspace;
    private Console console;
    private final List<String> violations = new ArrayList<>();
    private final Set<String> cspViolations = new LinkedHashSet<>();

    @BeforeEach
    void workspaceWithAConnector() {
        server = registry.server();
        workspace = server.newWorkspace("console-pages");
        HttpRegistryClient admin = RegistryApi.admin(server, workspace);
        admin.register("numbers", TestJars.sequenceV1());
        admin.update("numbers", TestJars.sequenceV2(), false);
        admin.register("rows", TestJars.rowFileSink());
        admin.register("psv", TestJars.psvFormat());
        admin.register("catalog", TestJars.memoryCatalog());
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void everyPageIsAccessibleAndKeepsToTheContentSecurityPolicy() {
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
        console.show("/sign-in", "sign-in");
        check("sign-in");

        console.signIn(server.adminToken());
        console.show(ws("/connectors"), "connectors");
        check("connectors");

        console.show(ws("/connectors/numbers"), "connector");
        check("connector");

        console.show(ws("/new"), "new").chooseJar(TestJars.rowFileSink()).click("#parse");
        console.awaitPresent("#analysis section.factory[data-identifier]", Console.ANALYSIS);
        check("new");

        console.show(ws("/connectors/numbers/update"), "update").chooseJar(TestJars.sequenceV1()).click("#parse");
        console.awaitPresent("#diff .breaking", Console.ANALYSIS);
        check("update");

        console.show(ws("/validate"), "validate").type("textarea#sql", SCRIPT).click("#validate");
        console.awaitPresent("ol#problems > li.problem-item", Console.PAGE);
        check("validate");

        console.show(ws("/audit"), "audit");
        check("audit");

        console.show("/tokens", "tokens");
        check("tokens");

        System.out.println("Console screenshots: " + Screenshots.DIRECTORY);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(violations).as("axe violations of impact serious or critical").isEmpty();
        softly.assertThat(cspViolations).as("CSP violations reported to the pages").isEmpty();
        softly.assertThat(console.browserLog()).as("the browser's log")
                .noneMatch(Console::reportsCspViolation)
                .noneMatch(line -> line.contains("Uncaught"));
        softly.assertAll();
    }

    @Test
    void theWatchOnTheContentSecurityPolicySeesAnInlineStyle() {
        console = Console.open(server.baseUrl(), Chromium.DESKTOP);
        console.show("/sign-in", "sign-in");
        assertThat(console.cspViolations()).isEmpty();

        // What a careless page would do: an inline style attribute, which the server's CSP forbids.
        console.script("document.getElementById('main').setAttribute('style', 'color: red');");

        console.await("the violation reported", Console.PAGE, driver -> !console.cspViolations().isEmpty());
        assertThat(console.cspViolations()).anySatisfy(violation -> assertThat(violation).contains("style-src"));
        assertThat(console.browserLog()).anyMatch(Console::reportsCspViolation);
    }

    @Test
    void mainPagesWorkInANarrowWindow() {
        console = Console.open(server.baseUrl(), Chromium.NARROW);
        console.signIn(server.adminToken());
        assertThat(console.script("return window.innerWidth;")).isEqualTo((long) Chromium.NARROW.width());
        for (String[] page : new String[][] {{"/connectors", "connectors"}, {"/connectors/numbers", "connector"},
                {"/new", "new"}, {"/validate", "validate"}}) {
            console.show(ws(page[0]), page[1]);
            Screenshots.save(console.driver(), page[1] + "-narrow");
            violations.addAll(Accessibility.seriousViolations(console.driver(), page[1] + " at 400 px"));
            long overflow = (Long) console.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("%s at 400 px scrolls the whole page sideways by so many pixels", page[1])
                    .isLessThanOrEqualTo(0);
            assertThat((List<?>) console.script(STICKING_OUT)).as("what sticks out of %s at 400 px", page[1]).isEmpty();
        }
        assertThat(console.present("select#workspace")).isTrue();
        assertThat(violations).as("axe violations of impact serious or critical").isEmpty();
    }

    private void check(String page) {
        System.out.println("Screenshot: " + Screenshots.save(console.driver(), page));
        violations.addAll(Accessibility.seriousViolations(console.driver(), page));
        List<String> csp = console.cspViolations();
        if (!csp.isEmpty()) {
            System.out.println("CSP violations by " + page + " (since the document loaded): " + csp);
            cspViolations.addAll(csp);
        }
    }

    private String ws(String route) {
        return "/workspaces/" + workspace + route;
    }
}
