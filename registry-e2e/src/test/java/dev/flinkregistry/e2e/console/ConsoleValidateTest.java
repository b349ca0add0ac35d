package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.e2e.SharedRegistry;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/** The console's Validate page in a real browser: a typo'd option key marked at its line, with the suggestion. */
class ConsoleValidateTest {

    // The typo is on line 7 of the script, in its second statement (which starts on line 4).
    private static final String SCRIPT = """
            -- numbers for the demo
            CREATE TABLE sink_table (id BIGINT) WITH ('connector' = 'blackhole');

            CREATE TABLE numbers (
              id BIGINT
            ) WITH ('connector' = 'sequence',
              'number-of-rowz' = '10'
            );
            """;
    private static final String TYPO_LINE = "7";

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private Console console;

    @BeforeEach
    void openBrowser() {
        console = Console.open(registry.server().baseUrl(), Chromium.DESKTOP);
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void marksATypoedKeyAtItsLineWithTheSuggestion() {
        RegistryServerProcess server = registry.server();
        String workspace = server.newWorkspace("console-validate");
        RegistryApi.admin(server, workspace).register("numbers", TestJars.sequenceV1());
        console.signIn(server.adminToken()).show("/workspaces/" + workspace + "/validate", "validate");

        console.type("textarea#sql", SCRIPT).click("#validate");
        console.awaitPresent("ol#problems > li.problem-item[data-line]", Console.PAGE);

        List<WebElement> problems = console.findAll("ol#problems > li.problem-item[data-line]");
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.getDomAttribute("data-line")).isEqualTo(TYPO_LINE);
            assertThat(problem.getText()).contains("number-of-rowz", "number-of-rows");
        });
        assertThat(console.find("ol#sql-lines > li[data-line='" + TYPO_LINE + "']").getDomAttribute("class"))
                .contains("has-problem");
        assertThat(console.attributes("ol#sql-lines > li.has-problem", "data-line"))
                .as("only the lines with problems are marked").doesNotContain("1", "2");
        assertThat(console.text("ul#resolved-jars")).contains("numbers");
    }
}
