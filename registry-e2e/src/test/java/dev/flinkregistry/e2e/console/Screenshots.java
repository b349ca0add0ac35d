package dev.flinkregistry.e2e.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Screenshots of the console's pages, kept as test artifacts in {@code target/console-screenshots}
 * (the build's {@code console.screenshots.dir}), whole pages rather than only the window.
 */
final class Screenshots {

    static final Path DIRECTORY = Path.of(System.getProperty("console.screenshots.dir",
            "target/console-screenshots")).toAbsolutePath();

    private Screenshots() {}

    /** Saves the whole page as {@code <name>.png} and returns the file. */
    static Path save(ChromeDriver driver, String name) {
        Map<?, ?> content = (Map<?, ?>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", content.get("width"), "height", content.get("height"),
                "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(DIRECTORY);
            return Files.write(DIRECTORY.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
