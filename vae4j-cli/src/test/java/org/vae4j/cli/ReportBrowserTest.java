package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens a trained run's {@code report.html} in a real headless Chromium (Selenium, as in
 * vae4j-web's BrowserTest): every image renders, nothing is loaded from anywhere but the page
 * itself, and the console stays free of errors.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; without them the class is
 * skipped. The driver path is given explicitly, so Selenium Manager never downloads anything.
 * Saves a screenshot to {@code vae4j-cli/target/report.png}.
 */
@Timeout(180)
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Chromium is newer than Selenium's CDP bindings; CDP is not used, so the warning is noise. */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    private static Path tmp;
    private static Path report;
    private static WebDriver driver;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install chromium chromium-driver)");
        tmp = Files.createTempDirectory("vae4j-report-browser");
        Path run = tmp.resolve("run");
        CliTest.Result r = CliTest.run(CliTest.train("--epochs", "2", "--kl-warmup", "1",
                "--free-bits", "0.1", "--out", run.toString()));
        assertEquals(0, r.code(), r::toString);
        report = run.resolve("report.html");

        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toString());
        chrome.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-default-browser-check",
                "--no-first-run",
                // No host resolves: a report that reached for the network would fail visibly.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--window-size=1200,3000",
                "--user-data-dir=" + tmp.resolve("chromium-profile"));
        chrome.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        chrome.setCapability("se:avoidStats", true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        driver = new ChromeDriver(service, chrome);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageRendersWithoutConsoleErrorsOrExternalLoads() throws IOException {
        driver.get(report.toUri().toString());
        JavascriptExecutor js = (JavascriptExecutor) driver;
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage("the report's images did not finish loading")
                .until(d -> (Boolean) js.executeScript(
                        "return Array.from(document.images).every(i => i.complete);"));
        List<Object> broken = (List<Object>) js.executeScript(
                "return Array.from(document.images)"
                        + ".filter(i => !(i.complete && i.naturalWidth > 0))"
                        + ".map(i => i.alt);");
        assertTrue(broken.isEmpty(), "images that did not render: " + broken);
        long count = (Long) js.executeScript("return document.images.length;");
        assertEquals(8, count, "4 charts, samples, reconstructions, KL per unit, latent means");
        // Each image is drawn at its natural width (the page is wide enough for all of them).
        List<Object> shrunk = (List<Object>) js.executeScript(
                "return Array.from(document.images)"
                        + ".filter(i => i.getBoundingClientRect().width < i.naturalWidth - 1)"
                        + ".map(i => i.alt);");
        assertTrue(shrunk.isEmpty(), "images drawn smaller than their size: " + shrunk);

        List<Object> urls = (List<Object>) js.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        for (Object u : urls) {
            assertTrue(String.valueOf(u).startsWith("data:"), "the report loaded " + u);
        }
        assertEquals(11, driver.findElements(By.cssSelector("main > section")).size());
        assertTrue(driver.findElement(By.tagName("h1")).getText().startsWith(
                "vae4j training run"));

        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertTrue(errors.isEmpty(), "browser console: " + errors);

        byte[] shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target")
                .resolve("report.png");
        Files.createDirectories(out.getParent());
        Files.write(out, shot);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
