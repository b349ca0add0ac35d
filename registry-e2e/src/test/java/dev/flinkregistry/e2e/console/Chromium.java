package dev.flinkregistry.e2e.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium ({@code chromium}) driven through its own {@code chromedriver}: both are
 * named explicitly, so Selenium Manager never tries to download a browser or a driver (nothing can be
 * downloaded here). On CI a missing browser fails the test; on a developer's machine it skips, saying why.
 */
final class Chromium {

    /** The browser; {@code -Dconsole.chromium=...} for another one. */
    static final Path BROWSER = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    /** Its WebDriver server; {@code -Dconsole.chromedriver=...} for another one. */
    static final Path DRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));

    /** The usual desktop window of the tests. */
    static final Window DESKTOP = new Window(1280, 900);
    /** A phone-sized window. */
    static final Window NARROW = new Window(400, 860);

    private Chromium() {}

    /** A browser window's size in CSS pixels. */
    record Window(int width, int height) {}

    /**
     * Starts a headless Chromium with a fresh profile (so an empty cache and no cookies) and the console
     * messages recorded. The profile lives in a new temporary directory that the caller removes.
     */
    static ChromeDriver start(Window window, Path profile) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + window.width() + "," + window.height());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** A new, empty profile directory. */
    static Path newProfile() {
        try {
            return Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireInstalled() {
        for (Path executable : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(executable)) {
                String reason = executable + " is missing: install Debian's chromium and chromium-driver packages"
                        + " (apt-get install -y chromium chromium-driver; .ci/run does it)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail("The console's browser tests must run on CI, but " + reason);
                }
                Assumptions.abort("The console's browser tests are skipped: " + reason);
            }
        }
    }
}
