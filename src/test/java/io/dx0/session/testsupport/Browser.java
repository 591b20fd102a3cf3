package io.dx0.session.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium from the machine (Debian's {@code chromium} and {@code chromium-driver}), never
 * downloaded: Selenium is given both paths so its driver manager is not asked. Without a browser the
 * calling class's tests are each reported skipped with the reason, unless {@code DX0_REQUIRE_BROWSER}
 * is set (CI sets it): then a missing browser fails the build instead of hiding the browser tests.
 */
public final class Browser {

    private Browser() {
    }

    /**
     * One browser for a test class: started before its first test, quit after its last. Without a
     * browser each test is aborted with the reason, so the build's report counts them as skipped and
     * says why (an abort in {@code beforeAll} would make the class report zero tests run, silently).
     */
    public static final class PerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

        private ChromeDriver driver;
        private String missing;

        public ChromeDriver driver() {
            return driver;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            missing = missing();
            if (missing == null) {
                driver = start();
            } else {
                System.err.println("[WARNING] " + context.getDisplayName() + ": browser tests skipped: " + missing);
            }
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            Assumptions.assumeTrue(missing == null, () -> "browser tests skipped: " + missing);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    /**
     * Why no browser can be started here, or {@code null} when one can; throws when
     * {@code DX0_REQUIRE_BROWSER} is set and one is missing.
     */
    private static String missing() {
        String missing = browser().isEmpty() ? "no chromium on PATH (apt-get install chromium chromium-driver)"
                : driver().isEmpty() ? "no chromedriver on PATH (apt-get install chromium-driver)" : null;
        if (missing != null && System.getenv("DX0_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("DX0_REQUIRE_BROWSER is set but " + missing);
        }
        return missing;
    }

    private static Optional<Path> browser() {
        return find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> driver() {
        return find("CHROMEDRIVER", "chromedriver");
    }

    private static ChromeDriver start() {
        Optional<Path> browser = browser();
        Optional<Path> driver = driver();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return chrome;
    }

    private static Optional<Path> find(String env, String... names) {
        String explicit = System.getenv(env);
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        List<String> path = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        return Stream.of(names)
                .flatMap(name -> path.stream().map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
