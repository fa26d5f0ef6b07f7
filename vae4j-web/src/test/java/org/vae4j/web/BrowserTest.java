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
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.family.Families;
import org.vae4j.web.testkit.HeadlessChromium;

/**
 * End-to-end test of the latent-space explorer in a real headless Chromium, driven by Selenium.
 *
 * <p>The browser comes from {@link HeadlessChromium}: Debian's {@code chromium} and {@code
 * chromium-driver}, without which the whole class is skipped, never Selenium Manager (the test
 * checks it did not run), and every host name except 127.0.0.1 unresolvable; the test checks
 * that the page only loaded resources from the server itself. After the interactions
 * it saves a screenshot to {@code vae4j-web/target/explorer.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LATENT = 4;

    private static Path tmp;
    private static VaeServer server;
    private static HeadlessChromium chromium;
    private static WebDriver driver;
    private static ImageSet images;

    @BeforeAll
    static void setUp() throws Exception {
        HeadlessChromium.assumeInstalled();
        tmp = Files.createTempDirectory("vae4j-browser-test");

        // A tiny model: one epoch on 600 images, 4 latent dimensions.
        images = EmbeddedData.fashionMnistTest();
        TrainOptions options = new TrainOptions(1, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 1, 0);
        Path modelDir = tmp.resolve("run").resolve("model");
        try (VaeModel model = VaeModel.create(
                VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(LATENT), 1)) {
            Families.trainer(model, options, null, null, null).fit(images.first(600), null);
            ModelStore.save(model,
                    Provenance.now(options, "test", "sha256:test", 600, 0, 1, 1.0, null), modelDir);
        }
        server = VaeServer.start(modelDir, images, images.first(600), "127.0.0.1", 0);
        // Only the test server resolves: the page must load nothing from elsewhere.
        chromium = HeadlessChromium.start(1366, 900, "127.0.0.1");
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
            if (server != null) {
                server.close();
                server = null;
            }
            if (tmp != null) {
                HeadlessChromium.deleteQuietly(tmp);
            }
        }
    }

    @Test
    @Order(1)
    void pageLoadsWithoutErrorsAndOnlyFromTheServer() {
        assertTrue(chromium.seleniumManagerRecords().isEmpty(),
                "Selenium Manager ran: " + chromium.seleniumManagerRecords());
        assertFalse(chromium.driverFinderRecords().stream()
                        .noneMatch(m -> m.contains("Skipping Selenium Manager")),
                "the driver was not taken from webdriver.chrome.driver: "
                        + chromium.driverFinderRecords());

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
        // The score request adds the likelihood and the distance to the training codes.
        String info = new WebDriverWait(driver, WAIT)
                .withMessage("no latent distance in #upload-info (status: " + status() + ")")
                .until(d -> {
                    String t = d.findElement(By.id("upload-info")).getText();
                    return t.contains("latent 5-NN dist.") ? t : null;
                });
        assertTrue(info.contains("\u2212ELBO"), info);
        Files.write(Path.of("target", "browser-upload.png"),
                ((org.openqa.selenium.TakesScreenshot) driver)
                        .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
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
        Path out = chromium.screenshot("explorer.png");
        System.out.println("BrowserTest: screenshot saved to " + out.toAbsolutePath().normalize());
        assertNoStatusError();
        assertOnlyLocalResources();
        assertNoSevereConsoleErrors();
        assertTrue(chromium.seleniumManagerRecords().isEmpty(),
                "Selenium Manager ran: " + chromium.seleniumManagerRecords());
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
        List<String> severe;
        try {
            severe = chromium.console(Level.SEVERE);
        } catch (RuntimeException unsupported) {
            System.out.println("BrowserTest: browser console log not available: " + unsupported);
            return;
        }
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
}
