package org.vae4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.VaeTrainer;

/**
 * End-to-end test of the latent-space explorer in a real headless Chromium, driven by Selenium.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them the whole class is skipped. Selenium Manager is
 * never used (the driver path is given explicitly, so nothing is downloaded), and Chromium is
 * started with background networking off and every host name except 127.0.0.1 unresolvable; the
 * test checks that the page only loaded resources from the server itself. After the interactions
 * it saves a screenshot to {@code vae4j-web/target/explorer.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LATENT = 4;

    /** Selenium's loggers, held strongly so the handler and levels set here stay in force. */
    private static final Logger SELENIUM_MANAGER_LOG =
            Logger.getLogger("org.openqa.selenium.manager");
    private static final Logger DRIVER_FINDER_LOG =
            Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    /** Chromium is newer than Selenium's CDP bindings; CDP is not used, so the warning is noise. */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));
    private static final List<String> SELENIUM_MANAGER_RECORDS = new ArrayList<>();
    private static final List<String> DRIVER_FINDER_RECORDS = new ArrayList<>();
    private static final List<Handler> HANDLERS = new ArrayList<>();

    private static final List<String> CONSOLE = new ArrayList<>();
    private static Path tmp;
    private static VaeServer server;
    private static WebDriver driver;
    private static ImageSet images;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install chromium chromium-driver)");
        tmp = Files.createTempDirectory("vae4j-browser-test");

        // A tiny model: one epoch on 600 images, 4 latent dimensions.
        images = EmbeddedData.fashionMnistTest();
        TrainOptions options = new TrainOptions(1, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 1, 0);
        Path modelDir = tmp.resolve("run").resolve("model");
        try (VaeModel model = VaeModel.create(
                VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(LATENT), 1)) {
            new VaeTrainer(model, options, null, null, null).fit(images.first(600), null);
            ModelStore.save(model,
                    Provenance.now(options, "test", "sha256:test", 600, 0, 1, 1.0, null), modelDir);
        }
        server = VaeServer.start(modelDir, "127.0.0.1", 0);

        // Never let Selenium Manager run (it would try to download a driver and browser).
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        record(SELENIUM_MANAGER_LOG, SELENIUM_MANAGER_RECORDS);
        record(DRIVER_FINDER_LOG, DRIVER_FINDER_RECORDS);

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
                // Any host other than the test server fails to resolve: no network is attempted.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--window-size=1366,900",
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
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (server != null) {
                server.close();
                server = null;
            }
            for (Handler h : HANDLERS) {
                SELENIUM_MANAGER_LOG.removeHandler(h);
                DRIVER_FINDER_LOG.removeHandler(h);
            }
            HANDLERS.clear();
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    @Test
    @Order(1)
    void pageLoadsWithoutErrorsAndOnlyFromTheServer() {
        assertTrue(SELENIUM_MANAGER_RECORDS.isEmpty(),
                "Selenium Manager ran: " + SELENIUM_MANAGER_RECORDS);
        assertFalse(DRIVER_FINDER_RECORDS.stream().noneMatch(m -> m.contains("Skipping Selenium Manager")),
                "the driver was not taken from webdriver.chrome.driver: " + DRIVER_FINDER_RECORDS);

        driver.get(server.url());
        // The page decodes the starting point on load.
        String decoded = waitForDataSrc("decoded");
        assertTrue(decoded.startsWith("data:image/png"), decoded);
        assertEquals(LATENT, driver.findElements(By.cssSelector("#sliders input.latent-slider")).size(),
                "one slider per latent dimension");
        assertEquals("canvas", driver.findElement(By.id("pad")).getTagName().toLowerCase(Locale.ROOT));
        for (String id : List.of("sample", "samples", "upload", "drop", "original", "reconstruction",
                "interp-a", "interp-b", "interp-strip", "status")) {
            assertFalse(driver.findElements(By.id(id)).isEmpty(), "page has no #" + id);
        }
        assertNoStatusError();
        assertOnlyLocalResources();
        assertNoSevereConsoleErrors();
    }

    @Test
    @Order(2)
    void movingASliderChangesTheDecodedImage() {
        String before = waitForDataSrc("decoded");
        WebElement slider = driver.findElement(By.cssSelector("#sliders input.latent-slider[data-dim='0']"));
        double current = Double.parseDouble(slider.getDomProperty("value"));
        String target = current > 0 ? "-2.5" : "2.5";
        js().executeScript(
                "const s = arguments[0]; s.value = arguments[1];"
                        + "s.dispatchEvent(new Event('input', {bubbles: true}));"
                        + "s.dispatchEvent(new Event('change', {bubbles: true}));",
                slider, target);
        String after = waitForSrcChange("decoded", before);
        assertTrue(after.startsWith("data:image/png"), after);
        assertImagesLoaded("#decoded");
        assertNoStatusError();
    }

    @Test
    @Order(3)
    void draggingOnThePadChangesTheDecodedImageAndTheSliders() {
        String before = waitForDataSrc("decoded");
        List<String> slidersBefore = sliderValues();
        WebElement pad = driver.findElement(By.id("pad"));
        js().executeScript("arguments[0].scrollIntoView({block: 'center'});", pad);
        int w = pad.getSize().getWidth();
        int h = pad.getSize().getHeight();
        assertTrue(w > 20 && h > 20, "pad is " + w + "x" + h);
        // Offsets are from the pad's centre: press in the upper left quarter, drag to the lower right.
        new Actions(driver)
                .moveToElement(pad, -w / 4, -h / 4)
                .clickAndHold()
                .moveByOffset(w / 8, h / 8)
                .moveByOffset(w / 8, h / 8)
                .moveByOffset(w / 8, h / 8)
                .release()
                .perform();
        String after = waitForSrcChange("decoded", before);
        assertTrue(after.startsWith("data:image/png"), after);
        new WebDriverWait(driver, WAIT)
                .withMessage("moving the pad did not update the sliders " + slidersBefore)
                .until(d -> !sliderValues().equals(slidersBefore));
        assertNoStatusError();
    }

    @Test
    @Order(4)
    void sampleButtonDrawsEightImages() {
        driver.findElement(By.id("sample")).click();
        waitForImages("samples", 8);
        assertImagesLoaded("#samples img");
        assertNoStatusError();
    }

    @Test
    @Order(5)
    void uploadShowsOriginalAndReconstruction() throws IOException {
        Path png = writePng(0);
        driver.findElement(By.id("upload")).sendKeys(png.toString());
        String recon = waitForDataSrc("reconstruction");
        assertTrue(recon.startsWith("data:image/png"), recon);
        String original = waitForDataSrc("original");
        assertTrue(original.startsWith("data:image/"), original);
        assertImagesLoaded("#original, #reconstruction");
        assertNoStatusError();
    }

    @Test
    @Order(6)
    void interpolationFillsTheStripWithTenImages() throws IOException {
        Path a = writePng(1);
        Path b = writePng(2);
        driver.findElement(By.id("interp-a")).sendKeys(a.toString());
        driver.findElement(By.id("interp-b")).sendKeys(b.toString());
        waitForImages("interp-strip", 10);
        assertImagesLoaded("#interp-strip img");
        List<String> srcs = srcs("#interp-strip img");
        assertNotEquals(srcs.get(0), srcs.get(9), "the two ends of the interpolation are the same image");
        assertNoStatusError();
    }

    @Test
    @Order(7)
    void noErrorsAfterTheInteractionsAndScreenshot() throws IOException {
        js().executeScript("window.scrollTo(0, 0);");
        byte[] shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("explorer.png");
        Files.createDirectories(out.getParent());
        Files.write(out, shot);
        System.out.println("BrowserTest: screenshot saved to " + out.toAbsolutePath().normalize());
        assertNoStatusError();
        assertOnlyLocalResources();
        assertNoSevereConsoleErrors();
        assertTrue(SELENIUM_MANAGER_RECORDS.isEmpty(),
                "Selenium Manager ran: " + SELENIUM_MANAGER_RECORDS);
    }

    // ---- helpers ----

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private static String src(String id) {
        Object s = js().executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.getAttribute('src') : null;", id);
        return s == null ? "" : s.toString();
    }

    private static List<String> srcs(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : driver.findElements(By.cssSelector(css))) {
            String s = e.getDomAttribute("src");
            out.add(s == null ? "" : s);
        }
        return out;
    }

    private static List<String> sliderValues() {
        List<String> out = new ArrayList<>();
        for (WebElement e : driver.findElements(By.cssSelector("#sliders input.latent-slider"))) {
            out.add(e.getDomProperty("value"));
        }
        return out;
    }

    private static String waitForDataSrc(String id) {
        return new WebDriverWait(driver, WAIT)
                .withMessage("#" + id + " never got a data: src (status: " + status() + ")")
                .until(d -> {
                    String s = src(id);
                    return s.startsWith("data:") ? s : null;
                });
    }

    private static String waitForSrcChange(String id, String before) {
        return new WebDriverWait(driver, WAIT)
                .withMessage("#" + id + "'s src did not change (status: " + status() + ")")
                .until(d -> {
                    String s = src(id);
                    return s.startsWith("data:") && !s.equals(before) ? s : null;
                });
    }

    private static void waitForImages(String containerId, int n) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "#" + containerId + " did not get " + n + " images with data: srcs, has "
                        + srcs("#" + containerId + " img").size() + " (status: " + status() + ")")
                .until(d -> {
                    List<String> s = srcs("#" + containerId + " img");
                    return s.size() == n && s.stream().allMatch(x -> x.startsWith("data:"));
                });
    }

    /** Every matched image finished loading and decoded to a picture of non-zero size. */
    private static void assertImagesLoaded(String css) {
        new WebDriverWait(driver, WAIT)
                .withMessage("images " + css + " did not load as pictures")
                .until(d -> (Boolean) js().executeScript(
                        "const els = Array.from(document.querySelectorAll(arguments[0]));"
                                + "return els.length > 0 && els.every(e => e.complete && e.naturalWidth > 0);",
                        css));
    }

    private static String status() {
        List<WebElement> s = driver.findElements(By.id("status"));
        return s.isEmpty() ? "<no #status>" : s.get(0).getText();
    }

    private static void assertNoStatusError() {
        String text = status().toLowerCase(Locale.ROOT);
        Object errorClass = js().executeScript(
                "const e = document.getElementById('status');"
                        + "return !!e && (e.classList.contains('error') || e.classList.contains('is-error'));");
        assertFalse(Boolean.TRUE.equals(errorClass), "#status is marked as an error: " + status());
        assertFalse(text.contains("error") || text.contains("fail") || text.contains("exception")
                        || text.contains("cannot") || text.contains("could not"),
                "#status shows an error: " + status());
    }

    /** All resources the page loaded came from the test server (or were inline data). */
    @SuppressWarnings("unchecked")
    private static void assertOnlyLocalResources() {
        List<Object> urls = (List<Object>) js().executeScript(
                "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));");
        String base = server.url();
        for (Object u : urls) {
            String url = String.valueOf(u);
            assertTrue(url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:"),
                    "the page loaded a resource from elsewhere than " + base + ": " + url);
        }
    }

    private static void assertNoSevereConsoleErrors() {
        try {
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                CONSOLE.add(e.getLevel() + " " + e.getMessage());
            }
        } catch (RuntimeException unsupported) {
            System.out.println("BrowserTest: browser console log not available: " + unsupported);
            return;
        }
        List<String> severe = CONSOLE.stream()
                .filter(m -> m.startsWith(Level.SEVERE.toString()))
                .toList();
        assertTrue(severe.isEmpty(), "severe browser console messages: " + severe);
    }

    /** Writes embedded test image {@code index} as a 28x28 grayscale PNG. */
    private static Path writePng(int index) throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, images.pixel(index, y * 28 + x));
            }
        }
        Path file = tmp.resolve("fashion-" + index + ".png");
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    private static void record(Logger logger, List<String> sink) {
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
        HANDLERS.add(h);
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
