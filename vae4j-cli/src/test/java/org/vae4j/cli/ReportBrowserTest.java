package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vae4j.web.testkit.HeadlessChromium;

/**
 * Opens a trained run's {@code report.html} in a real headless Chromium (Selenium, as in
 * vae4j-web's BrowserTest): every image renders, nothing is loaded from anywhere but the page
 * itself, and the console stays free of errors.
 *
 * <p>The browser comes from vae4j-web's test-jar ({@link HeadlessChromium}): Debian's {@code
 * chromium} and {@code chromium-driver}, without which the class is skipped, and never Selenium
 * Manager. Saves a screenshot to {@code vae4j-cli/target/report.png}.
 */
@Timeout(180)
class ReportBrowserTest {

    private static Path tmp;
    private static Path report;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @BeforeAll
    static void setUp() throws IOException {
        HeadlessChromium.assumeInstalled();
        tmp = Files.createTempDirectory("vae4j-report-browser");
        Path run = tmp.resolve("run");
        CliTest.Result r = CliTest.run(CliTest.train("--epochs", "2", "--kl-warmup", "1",
                "--free-bits", "0.1", "--out", run.toString()));
        assertEquals(0, r.code(), r::toString);
        report = run.resolve("report.html");
        // No host resolves: a report that reached for the network would fail visibly.
        chromium = HeadlessChromium.start(1200, 3000);
        driver = chromium.driver();
    }

    @AfterAll
    static void tearDown() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            chromium = null;
            driver = null;
            if (tmp != null) {
                HeadlessChromium.deleteQuietly(tmp);
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

        List<String> errors = chromium.console(Level.WARNING);
        assertTrue(errors.isEmpty(), "browser console: " + errors);
        assertTrue(chromium.seleniumManagerRecords().isEmpty(),
                "Selenium Manager ran: " + chromium.seleniumManagerRecords());

        chromium.screenshot("report.png");
    }
}
