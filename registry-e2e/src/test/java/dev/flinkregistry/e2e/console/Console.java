package dev.flinkregistry.e2e.console;

import dev.flinkregistry.e2e.console.Chromium.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a headless Chromium, driven through the DOM contract only: routes, ids, data
 * attributes and the {@code #main[data-ready]} signal a page sets when it has finished rendering.
 */
final class Console implements AutoCloseable {

    /** How long a page may take to render; an analysis in the sandbox may take much longer. */
    static final Duration PAGE = Duration.ofSeconds(30);
    static final Duration ANALYSIS = Duration.ofMinutes(3);

    // Installed before any of the console's own scripts runs, so that no violation goes unseen.
    private static final String RECORD_CSP_VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
                e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """;

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final List<String> log = new ArrayList<>();

    private Console(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** A new browser (fresh profile: empty cache, no cookies) on the console of the server at {@code baseUrl}. */
    static Console open(String baseUrl, Window window) {
        Path profile = Chromium.newProfile();
        ChromeDriver driver = Chromium.start(window, profile);
        // Headless Chromium keeps a window at least about 500 px wide: the page's viewport is set exactly.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", window.width(),
                "height", window.height(), "deviceScaleFactor", 1, "mobile", false));
        driver.executeCdpCommand("Page.enable", Map.of());
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
        return new Console(driver, baseUrl, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * Navigates to a route such as {@code /workspaces/ws/connectors}, without waiting. Already there, it
     * reloads the page: setting the same address again changes nothing, so the console would not render anew.
     */
    Console go(String route) {
        String url = baseUrl + "/#" + route;
        clearReady();
        if (driver.getCurrentUrl().equals(url)) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
        return this;
    }

    /** Navigates to a route and waits until its page says it is ready. */
    Console show(String route, String page) {
        return go(route).awaitReady(page);
    }

    /**
     * Forgets the ready signal of the page shown, so that the next {@link #awaitReady} waits for a new
     * render instead of seeing the old one before the console has even started the next navigation.
     */
    Console clearReady() {
        script("const main = document.getElementById('main'); if (main) main.removeAttribute('data-ready');");
        return this;
    }

    /** Waits until {@code #main[data-ready=page]}. */
    Console awaitReady(String page) {
        await("#main[data-ready=" + page + "]", PAGE, driver -> !driver.findElements(
                By.cssSelector("#main[data-ready='" + page + "']")).isEmpty());
        return this;
    }

    /** Signs in on the sign-in page with an API token and waits until the console shows a page. */
    Console signIn(String token) {
        show("/sign-in", "sign-in");
        clearReady();
        awaitPresent("form#sign-in-form input#token", PAGE).sendKeys(token);
        find("form#sign-in-form button").click();
        await("a page after signing in", PAGE, driver -> {
            String ready = driver.findElement(By.id("main")).getDomAttribute("data-ready");
            return ready != null && !ready.equals("sign-in");
        });
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !findAll(css).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    /** The values of an attribute on every element matching {@code css}, in document order. */
    List<String> attributes(String css, String attribute) {
        return findAll(css).stream().map(element -> element.getDomAttribute(attribute)).toList();
    }

    Console click(String css) {
        find(css).click();
        return this;
    }

    Console type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Chooses a JAR in the upload step's file input (hidden inside its drop zone or not). */
    Console chooseJar(Path jar) {
        find("input#jar-file").sendKeys(jar.toAbsolutePath().toString());
        return this;
    }

    /** Waits until an element matching {@code css} is there. */
    WebElement awaitPresent(String css, Duration deadline) {
        await(css, deadline, driver -> !driver.findElements(By.cssSelector(css)).isEmpty());
        return find(css);
    }

    /** Waits until nothing matches {@code css}. */
    Console awaitAbsent(String css, Duration deadline) {
        await("no " + css, deadline, driver -> driver.findElements(By.cssSelector(css)).isEmpty());
        return this;
    }

    /** Waits for a condition, failing with what the console showed instead. */
    Console await(String what, Duration deadline, ExpectedCondition<Boolean> condition) {
        try {
            // A page re-rendering replaces the elements a condition was looking at: look again.
            new WebDriverWait(driver, deadline, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Not within " + deadline + ": " + what + "\n" + state(), e);
        }
        return this;
    }

    /** What the console shows: the route, the ready signal, any problem, the browser's log. */
    String state() {
        StringBuilder state = new StringBuilder("URL: ").append(driver.getCurrentUrl());
        List<WebElement> main = findAll("#main");
        state.append("\n#main[data-ready]: ").append(main.isEmpty() ? "(no #main)" : main.get(0).getDomAttribute("data-ready"));
        if (!main.isEmpty()) {
            String text = main.get(0).getText();
            state.append("\n#main shows: ").append(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
        for (WebElement problem : findAll(".problem")) {
            state.append("\n.problem[data-code=").append(problem.getDomAttribute("data-code")).append("]: ")
                    .append(problem.getText());
        }
        state.append("\nrequests: ").append(script("return performance.getEntriesByType('resource')"
                + ".map(e => e.name.replace(location.origin, '') + ' ' + e.responseStatus);"));
        browserLog().forEach(line -> state.append("\nbrowser: ").append(line));
        return state.toString();
    }

    /** Every message the browser logged so far (console, network errors, CSP reports). */
    List<String> browserLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            log.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(log);
    }

    /** Severe messages of the browser's log so far. */
    List<String> browserErrors() {
        return browserLog().stream().filter(line -> line.startsWith(Level.SEVERE.getName())).toList();
    }

    /** Whether a line of the browser's log is Chrome reporting that the Content-Security-Policy blocked something. */
    static boolean reportsCspViolation(String line) {
        return line.contains("Content Security Policy") || line.contains("Content-Security-Policy");
    }

    /** The Content-Security-Policy violations the current document reported. */
    List<String> cspViolations() {
        Object violations = script("return window.__cspViolations || [];");
        return ((List<?>) violations).stream().map(String::valueOf).toList();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // Only a temporary profile; the operating system cleans its temporary directory.
            }
        }
    }
}
