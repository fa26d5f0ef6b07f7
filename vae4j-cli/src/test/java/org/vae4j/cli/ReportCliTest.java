package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.cli.CliTest.Result;

/** {@code vae4j train} writes {@code RUN_DIR/report.html}, fresh and resumed. */
class ReportCliTest {

    private static final Pattern SECTION = Pattern.compile("<section id=\"([^\"]+)\"");
    private static final Pattern IMG = Pattern.compile(
            "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\""
                    + " height=\"(\\d+)\"");

    @TempDir Path tmp;

    static List<String> sectionIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Decodes every inline PNG, checking its size against the tag's width and height. */
    static List<BufferedImage> images(String html) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            BufferedImage img =
                    ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img, "an inline image is not a PNG");
            assertEquals(Integer.parseInt(m.group(2)), img.getWidth());
            assertEquals(Integer.parseInt(m.group(3)), img.getHeight());
            out.add(img);
        }
        assertEquals(html.split("<img ", -1).length - 1, out.size(),
                "every <img> is a PNG data URL with its size");
        return out;
    }

    @Test
    void trainWritesTheReportAndResumeRewritesIt() throws IOException {
        Path dir = tmp.resolve("warm");
        Result r = run(train("--epochs", "2", "--kl-warmup", "1", "--latent", "4", "--out",
                dir.toString()));
        assertEquals(0, r.code(), r::toString);
        Path report = dir.resolve("report.html");
        assertTrue(r.out().contains("report: " + report), r::toString);
        String html = Files.readString(report);
        assertEquals(List.of("negative-elbo", "reconstruction", "kl-divergence", "kl-weight",
                "samples-from-the-prior", "reconstructions", "latent-units", "latent-means",
                "model-configuration", "training-options", "provenance"), sectionIds(html));
        assertEquals(8, images(html).size(), "4 charts, 2 grids, the KL per unit, the scatter");
        assertTrue(html.contains("projected on their first two principal components"), html);
        assertTrue(html.contains("<dt>Epochs</dt><dd>2</dd>"), html);
        assertTrue(html.contains("<dt>Status</dt><dd>finished</dd>"), html);
        assertTrue(html.contains("<dt>Wall time</dt>"), html);
        assertTrue(html.contains("of 4 units active"), html);
        assertTrue(html.contains("<th>kl_warmup_epochs</th><td>1.0</td>"), html);
        assertTrue(html.contains("<th>data_fingerprint</th>"), html);
        assertFalse(html.contains("http://") || html.contains("https://"));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
        }

        Result resumed = run(train("--resume", dir.toString(), "--epochs", "3"));
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("report: " + report), resumed::toString);
        String again = Files.readString(report);
        assertTrue(again.contains("<dt>Epochs</dt><dd>3</dd>"), again);
        assertTrue(again.contains("<th>epochs</th><td>3</td>"), "the options say 3 epochs");
        assertEquals(8, images(again).size());
    }

    @Test
    void withoutAnnealingThereIsNoKlWeightChartAndJsonStaysClean() throws IOException {
        Path dir = tmp.resolve("plain");
        Result r = run(train("--epochs", "1", "--val-fraction", "0", "--json", "--out",
                dir.toString()));
        assertEquals(0, r.code(), r::toString);
        // The path goes to standard error with the other progress lines.
        CliTest.parseObject(r.out());
        assertTrue(r.err().contains("report: " + dir.resolve("report.html")), r::toString);
        String html = Files.readString(dir.resolve("report.html"));
        List<String> ids = sectionIds(html);
        assertFalse(ids.contains("kl-weight"), ids::toString);
        assertTrue(ids.contains("latent-units"), ids::toString);
        // No validation set: the pictures and statistics use the training images.
        assertTrue(html.contains("on 600 images"), html);
        assertEquals(7, images(html).size());
    }

    @Test
    void aTwoDimensionalLatentGetsTheManifold() throws IOException {
        Path dir = tmp.resolve("two");
        Result r = run(train("--epochs", "1", "--latent", "2", "--out", dir.toString()));
        assertEquals(0, r.code(), r::toString);
        String html = Files.readString(dir.resolve("report.html"));
        List<String> ids = sectionIds(html);
        assertTrue(ids.containsAll(List.of("latent-means", "latent-manifold")), ids::toString);
        assertFalse(html.contains("principal components"), "L = 2 is drawn as it is");
        assertEquals(8, images(html).size(), "3 charts, 2 grids, KL per unit, scatter, manifold");
    }

    @Test
    void aReportThatCannotBeWrittenFailsTrainLoudly() throws IOException {
        Path dir = tmp.resolve("blocked");
        // A non-empty directory where the report should go: the final rename must fail.
        Files.createDirectories(dir.resolve("report.html").resolve("in-the-way"));
        Result r = run(train("--epochs", "1", "--out", dir.toString()));
        CliTest.assertFailure(r, dir.resolve("report.html").toString(),
                "cannot write the report", "the model, checkpoint and metrics are saved");
        assertTrue(Files.isRegularFile(dir.resolve("model").resolve("parameters.params")));
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint.vae4j")));
        assertFalse(Files.exists(dir.resolve("report.html.partial")));
    }
}
