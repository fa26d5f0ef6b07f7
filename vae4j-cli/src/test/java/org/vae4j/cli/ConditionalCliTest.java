package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.VaeModel;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.SavedModel;

/**
 * {@code train --conditional} end to end: the CVAE draws the class {@code sample --label} asks
 * for, and the other commands use it or refuse it with a clear message.
 */
class ConditionalCliTest {

    @TempDir static Path shared;

    /** A CVAE on red squares (label 1) and blue circles (label 0). Only read. */
    private static Path cvae;

    @TempDir Path tmp;

    @BeforeAll
    static void trainOnShapes() throws Exception {
        Path folder = DataSourcesCliTest.shapes(shared.resolve("shapes"), 16);
        cvae = shared.resolve("cvae");
        CliTest.Result r = run("train", "--conditional", "--data", folder.toString(),
                "--val-fraction", "0.25", "--latent", "2", "--hidden", "64", "--epochs", "100",
                "--batch", "16", "--lr", "3e-3", "--no-progress", "--threads", "2", "--out",
                cvae.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("conditional on 2 classes"), r::toString);
    }

    /** Mean red minus mean blue over the picture: positive for red squares. */
    private static double redOverBlue(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        double s = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                s += (p >> 16 & 0xFF) - (p & 0xFF);
            }
        }
        return s / (img.getWidth() * (double) img.getHeight());
    }

    @Test
    void sampleLabelDrawsThatClass() throws Exception {
        try (SavedModel saved = ModelStore.load(RunDirectory.modelDirOf(cvae))) {
            assertEquals(2, ((VaeModel) saved.model()).config().classes());
        }
        Path squares = tmp.resolve("squares.png");
        CliTest.Result r = run("sample", "--run", cvae.toString(), "--label", "1", "-n", "16",
                "--out", squares.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("of class 1"), r::toString);
        Path circles = tmp.resolve("circles.png");
        r = run("sample", "--run", cvae.toString(), "--label", "0", "-n", "16", "--out",
                circles.toString());
        assertEquals(0, r.code(), r::toString);
        double red = redOverBlue(squares);
        double blue = redOverBlue(circles);
        // The same latent draws (same seed): only the label differs between the two pictures.
        assertTrue(red > 0 && blue < 0 && red - blue > 30,
                "red-blue of label 1: " + red + ", label 0: " + blue);
        Path both = tmp.resolve("both.png");
        r = run("sample", "--run", cvae.toString(), "-n", "8", "--out", both.toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(both);
    }

    @Test
    void otherCommandsUseTheLabelsOrRefuse() throws Exception {
        CliTest.Result e = run("evaluate", "--run", cvae.toString(), "--json", "-k", "20");
        assertEquals(0, e.code(), e::toString);
        assertTrue(parseObject(e.out()).get("neg_elbo").getAsDouble() > 0, e::toString);
        CliTest.Result rec = run("reconstruct", "--run", cvae.toString(), "-n", "8", "--out",
                tmp.resolve("r.png").toString());
        assertEquals(0, rec.code(), rec::toString);
        CliTest.Result m = run("manifold", "--run", cvae.toString(), "--size", "4", "--label",
                "1", "--out", tmp.resolve("m.png").toString());
        assertEquals(0, m.code(), m::toString);
        assertUsage(run("manifold", "--run", cvae.toString(), "--size", "4"), "vae4j manifold",
                "conditional on 2 classes", "--label");
        assertUsage(run("sample", "--run", cvae.toString(), "--label", "2"), "vae4j sample",
                "--label: label must be in [0, 1], got 2");
        assertFailure(run("classify", "--run", cvae.toString(), "--labels-per-class", "2"),
                "conditional model", "cannot be used to classify");
    }

    @Test
    void conditionalNeedsLabelsAndPlainModelsTakeNoLabel() throws Exception {
        Path idx = CliTest.idxDir(tmp.resolve("idx"), 64, 0);
        assertFailure(run("train", "--conditional", "--data", idx.toString(), "--epochs", "1",
                "--no-progress", "--out", tmp.resolve("x").toString()),
                "--conditional needs labelled images");
        // Held-out classes still count: K covers the excluded label 9 of an IDX set without
        // class names, so the test set's 9s remain valid labels.
        Path labelled = CliTest.idxDir(tmp.resolve("labelled"), 64, 64);
        Path held = tmp.resolve("held-out");
        CliTest.Result h = run("train", "--conditional", "--data", labelled.toString(),
                "--exclude-classes", "9", "--epochs", "1", "--no-progress", "--out",
                held.toString());
        assertEquals(0, h.code(), h::toString);
        try (SavedModel saved = ModelStore.load(RunDirectory.modelDirOf(held))) {
            assertEquals(10, ((VaeModel) saved.model()).config().classes());
        }
        Path plain = tmp.resolve("plain");
        CliTest.Result r = run("train", "--limit", "200", "--epochs", "1", "--no-progress",
                "--out", plain.toString());
        assertEquals(0, r.code(), r::toString);
        assertUsage(run("sample", "--run", plain.toString(), "--label", "3"), "vae4j sample",
                "not conditional");
    }
}
