package org.vae4j.web.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The one headless Chromium set-up of the browser tests (vae4j-web's BrowserTest, vae4j-cli's
 * ReportBrowserTest), published in vae4j-web's test-jar.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} ({@link #CHROMIUM}, {@link
 * #CHROMEDRIVER}); {@link #assumeInstalled()} skips the calling test class without them.
 * Selenium Manager is never used: the driver path is given explicitly, so nothing is downloaded,
 * and the Selenium Manager and DriverFinder log records are kept so a test can prove it (see
 * {@link #seleniumManagerRecords()}). Chromium starts with background networking off and every
 * host name unresolvable except the ones the caller allows, so a page that reached for the
 * network fails visibly instead of quietly loading something.
 *
 * <pre>{@code
 * HeadlessChromium.assumeInstalled();
 * try (HeadlessChromium chromium = HeadlessChromium.start(1366, 900, "127.0.0.1")) {
 *     chromium.driver().get(url);
 *     chromium.screenshot("page.png");
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Debian's Chromium binary. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's chromedriver, matching {@link #CHROMIUM}. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium's loggers, held strongly so the handler and levels set here stay in force. */
    private static final Logger SELENIUM_MANAGER_LOG =
            Logger.getLogger("org.openqa.selenium.manager");
    private static final Logger DRIVER_FINDER_LOG =
            Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    /** Chromium is newer than Selenium's CDP bindings; CDP is not used, so the warning is noise. */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    private final WebDriver driver;
    private final Path profile;
    private final List<String> seleniumManagerRecords;
    private final List<String> driverFinderRecords;
    private final List<Handler> handlers;
    /** Console entries read so far: Chromium hands each one out only once. */
    private final List<LogEntry> console = new ArrayList<>();

    private HeadlessChromium(WebDriver driver, Path profile, List<String> seleniumManagerRecords,
            List<String> driverFinderRecords, List<Handler> handlers) {
        this.driver = driver;
        this.profile = profile;
        this.seleniumManagerRecords = seleniumManagerRecords;
        this.driverFinderRecords = driverFinderRecords;
        this.handlers = handlers;
    }

    /** Skips the calling test class (from {@code @BeforeAll}) without Chromium or its driver. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
    }

    /**
     * Starts headless Chromium with a fresh profile in a temporary directory.
     *
     * @param width window width in CSS pixels
     * @param height window height in CSS pixels
     * @param reachableHosts the only host names that resolve, e.g. {@code 127.0.0.1} for a test
     *     server; none for a page that must need no network at all
     * @return the running browser (close it)
     * @throws IOException if the profile directory cannot be created
     */
    public static HeadlessChromium start(int width, int height, String... reachableHosts)
            throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("window must be positive, got " + width + "x"
                    + height);
        }
        Path profile = Files.createTempDirectory("vae4j-chromium-profile");
        // Never let Selenium Manager run (it would try to download a driver and browser).
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        List<Handler> handlers = new ArrayList<>();
        List<String> managerRecords = record(SELENIUM_MANAGER_LOG, handlers);
        List<String> finderRecords = record(DRIVER_FINDER_LOG, handlers);

        StringBuilder rules = new StringBuilder("MAP * ~NOTFOUND");
        for (String host : reachableHosts) {
            rules.append(" , EXCLUDE ").append(host);
        }
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
                "--disable-domain-reliability",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--no-default-browser-check",
                "--no-first-run",
                "--metrics-recording-only",
                "--host-resolver-rules=" + rules,
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        chrome.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        chrome.setCapability("se:avoidStats", true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        WebDriver driver;
        try {
            driver = new ChromeDriver(service, chrome);
        } catch (RuntimeException | Error e) {
            removeHandlers(handlers);
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver, profile, managerRecords, finderRecords, handlers);
    }

    /**
     * Returns the driver.
     *
     * @return the WebDriver of this browser
     */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Returns the driver as a script executor.
     *
     * @return the driver, for {@code executeScript}
     */
    public JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    /**
     * Log records of Selenium Manager since {@link #start}: empty unless it ran.
     *
     * @return "LEVEL message" lines, a snapshot
     */
    public List<String> seleniumManagerRecords() {
        synchronized (seleniumManagerRecords) {
            return List.copyOf(seleniumManagerRecords);
        }
    }

    /**
     * Log records of Selenium's DriverFinder since {@link #start}; with the driver path given
     * explicitly one of them says "Skipping Selenium Manager".
     *
     * @return "LEVEL message" lines, a snapshot
     */
    public List<String> driverFinderRecords() {
        synchronized (driverFinderRecords) {
            return List.copyOf(driverFinderRecords);
        }
    }

    /**
     * Browser console messages at or above a level, since the browser started.
     *
     * @param atLeast the lowest level kept, e.g. {@link Level#SEVERE}
     * @return "LEVEL message" lines
     * @throws RuntimeException from the driver if the console log is not available
     */
    public List<String> console(Level atLeast) {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(e);
        }
        return console.stream()
                .filter(e -> e.getLevel().intValue() >= atLeast.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    /**
     * Saves a screenshot of the viewport to {@code target/NAME} of the module under test.
     *
     * @param name the file name, e.g. {@code explorer.png}
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public Path screenshot(String name) throws IOException {
        byte[] shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        // Surefire sets basedir to the module directory; from an IDE the working directory is.
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve(name);
        Files.createDirectories(out.getParent());
        Files.write(out, shot);
        return out;
    }

    /** Quits the browser and its driver, deletes the profile and stops recording logs. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            removeHandlers(handlers);
            deleteQuietly(profile);
        }
    }

    /**
     * Deletes a directory tree as far as possible, for test teardown.
     *
     * @param dir the directory; nothing happens if it is missing
     */
    public static void deleteQuietly(Path dir) {
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

    private static List<String> record(Logger logger, List<Handler> handlers) {
        List<String> sink = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (sink) {
                    sink.add(r.getLevel() + " " + r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        h.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(h);
        handlers.add(h);
        return sink;
    }

    private static void removeHandlers(List<Handler> handlers) {
        for (Handler h : handlers) {
            SELENIUM_MANAGER_LOG.removeHandler(h);
            DRIVER_FINDER_LOG.removeHandler(h);
        }
        handlers.clear();
    }
}
