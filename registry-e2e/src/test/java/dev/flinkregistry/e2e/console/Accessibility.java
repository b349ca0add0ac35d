package dev.flinkregistry.e2e.console;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.WebDriver;

/** axe-core (the copy bundled in Deque's Selenium integration, nothing downloaded) run on the page shown. */
final class Accessibility {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private Accessibility() {}

    /**
     * Runs axe on the page, prints every violation it found, and returns those of impact serious or critical
     * as one line each ({@code page: rule (impact) on target: help}).
     */
    static List<String> seriousViolations(WebDriver driver, String page) {
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + page + ": " + results.getErrorMessage());
        }
        if (results.getPasses().isEmpty()) {
            throw new AssertionError("axe checked nothing on " + page + ": no rule passed");
        }
        List<Rule> violations = results.getViolations();
        System.out.printf("axe on %s: %d rules passed, %d violated%n", page, results.getPasses().size(),
                violations.size());
        for (Rule rule : violations) {
            System.out.printf("  %s (%s): %s%n", rule.getId(), rule.getImpact(), rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                System.out.printf("    %s %s%n", node.getTarget(), node.getFailureSummary() == null ? ""
                        : node.getFailureSummary().replace('\n', ' '));
            }
        }
        return violations.stream().filter(rule -> BLOCKING.contains(rule.getImpact()))
                .flatMap(rule -> rule.getNodes().stream().map(node -> page + ": " + rule.getId() + " ("
                        + rule.getImpact() + ") on " + node.getTarget() + ": " + rule.getHelp()))
                .toList();
    }
}
