package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smaller findings of issue #14, each named by its item letter. */
class SmallFindingsCliTest {

    @TempDir static Path shared;

    /** One epoch on 300 embedded images, --seed 7. Only read. */
    private static Path run;

    @TempDir Path tmp;

    @BeforeAll
    static void trainOneEpoch() {
        run = shared.resolve("seven");
        CliTest.Result r = run("train", "--limit", "300", "--batch", "64", "--epochs", "1",
                "--no-progress", "--threads", "2", "--seed", "7", "--out", run.toString());
        assertEquals(0, r.code(), r::toString);
    }

    /** Item a: the message names the flag, not the library's parameter "perClass". */
    @Test
    void classifyNamesTheFlagWhenAClassHasTooFewImages() {
        CliTest.Result r = run("classify", "--run", run.toString(), "--labels-per-class",
                "5000", "--draws", "1", "--unlabelled", "0");
        assertUsage(r, "vae4j classify", "--labels-per-class 5000", "has only");
        assertFalse(r.err().contains("perClass"), r::toString);
    }

    /** Item a: halves of the embedded set are no "validation split". */
    @Test
    void classifyCallsTheHalvesOfASetHalves() {
        CliTest.Result r = run("classify", "--run", run.toString(), "--labels-per-class", "2",
                "--draws", "1", "--unlabelled", "0", "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertTrue(o.get("pool").getAsString().endsWith("; pool half)"), o::toString);
        assertTrue(o.get("test").getAsString().endsWith("; test half)"), o::toString);
        assertFalse(r.out().contains("split"), r::toString);
    }

    /**
     * Items b and c: samples.png and the report's samples are drawn with the run's --seed (the
     * caption said "seed 1", the epoch count), and the report shows all 64 of samples.png.
     */
    @Test
    void samplesUseTheRunSeedAndTheReportShowsAllOfThem() throws IOException {
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("64 decodings of z ~ N(0, I) (pixel means), seed 7."), html);
        Path png = tmp.resolve("again.png");
        CliTest.Result r = run("sample", "--run", run.toString(), "--seed", "7", "-n", "64",
                "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        BufferedImage a = ImageIO.read(run.resolve("samples.png").toFile());
        BufferedImage b = ImageIO.read(png.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertEquals(a.getRGB(x, y), b.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    /**
     * Item e: anomalies.png names its two ends, left of the rows: wider than the bare grid (8
     * tiles of 56 pixels and 2-pixel gaps), with dark text pixels in that margin.
     */
    @Test
    void anomaliesPictureLabelsItsEnds() throws IOException {
        Path png = tmp.resolve("a.png");
        CliTest.Result r = run("score", "--run", run.toString(), "--limit", "40", "-L", "1",
                "-k", "2", "--out", tmp.resolve("s.csv").toString(), "--png", png.toString());
        assertEquals(0, r.code(), r::toString);
        BufferedImage img = ImageIO.read(png.toFile());
        int grid = 8 * (28 * 2 + 2) + 2;
        assertTrue(img.getWidth() > grid + 40, "width " + img.getWidth());
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() - grid; x++) {
                if ((img.getRGB(x, y) & 0xFF) < 100) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 50, "text pixels left of the grid: " + dark);
    }

    /** Item g: --repeat R prints every round, not only the last. */
    @Test
    void scoreRepeatPrintsEachRound() {
        CliTest.Result r = run("score", "--run", run.toString(), "--limit", "20", "-L", "1",
                "-k", "2", "--repeat", "2", "--out", tmp.resolve("s.csv").toString(), "--png",
                tmp.resolve("a.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("round 1/2: "), r::toString);
        assertTrue(r.out().contains("round 2/2: "), r::toString);
        assertTrue(r.out().contains("scored 20 images"), r::toString);
    }

    /** Item h: a file where the run directory should go is named as such, not just echoed. */
    @Test
    void outOnAFileSaysItIsNotADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("some_file"), "x");
        CliTest.Result r = run("train", "--limit", "100", "--epochs", "1", "--no-progress",
                "--threads", "2", "--out", file.toString());
        assertFailure(r, file.toString(), "is a file, not a directory");
    }

    /** Item i: a mistyped flag gets picocli's suggestion, inside the one usage line. */
    @Test
    void flagTypoSuggestsTheFlag() {
        CliTest.Result r = run("train", "--latnet", "8");
        assertUsage(r, "vae4j train", "--latnet", "did you mean", "--latent");
    }
}
