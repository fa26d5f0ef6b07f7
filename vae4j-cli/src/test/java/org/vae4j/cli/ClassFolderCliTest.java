package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.DataSourcesCliTest.shapes;
import static org.vae4j.cli.DataSourcesCliTest.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSet;
import org.vae4j.data.IdxDirectory;

/**
 * A class folder's images come sorted by class (circles/ before squares/): pictures and
 * {@code --limit} must not take "the first N", which are all circles.
 */
class ClassFolderCliTest {

    @TempDir static Path shared;

    /** 20 blue circles (class 0) and 20 red squares (class 1), 32x32 RGB. */
    private static Path shapes;

    private static Path shapesRun;

    @TempDir Path tmp;

    @BeforeAll
    static void trainOnShapes() throws IOException {
        shapes = shapes(shared.resolve("shapes"), 20);
        shapesRun = shared.resolve("run");
        CliTest.Result r = run(train("--data", shapes.toString(), "--out", shapesRun.toString()));
        assertEquals(0, r.code(), r::toString);
    }

    /** The centre pixel of each original in the first row of a reconstructions grid. */
    private static int[] redAndBlue(Path png, int columns) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int[] redBlue = new int[2];
        for (int c = 0; c < columns; c++) {
            // Tiles are 32 pixels scaled 2x with 2-pixel gaps; the shapes cover the centre.
            int p = img.getRGB(2 + c * 66 + 32, 2 + 32);
            int red = p >> 16 & 0xFF;
            int blue = p & 0xFF;
            redBlue[red > blue ? 0 : 1]++;
        }
        return redBlue;
    }

    @Test
    void reconstructShowsBothClasses() throws IOException {
        Path png = tmp.resolve("r.png");
        CliTest.Result r = run("reconstruct", "--run", shapesRun.toString(), "--data",
                shapes.toString(), "-n", "8", "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        int[] redBlue = redAndBlue(png, 8);
        assertEquals(4, redBlue[0], "red squares among the 8 shown");
        assertEquals(4, redBlue[1], "blue circles among the 8 shown");
        // --corrupt shows the same kind of sample.
        CliTest.Result c = run("reconstruct", "--run", shapesRun.toString(), "--data",
                shapes.toString(), "-n", "8", "--corrupt", "noise:0.01", "--out",
                png.toString());
        assertEquals(0, c.code(), c::toString);
        assertTrue(c.out().contains("on 8 images"), c::toString);
    }

    @Test
    void limitOnAClassFolderIsASampleOverTheClassesAndSaysSo() throws IOException {
        PrintWriter err = new PrintWriter(new StringWriter());
        ImageSet ten = Datasets.train(shapes, 10, new ImageFolder.Options(), err);
        int[] counts = new int[2];
        for (int i = 0; i < ten.size(); i++) {
            counts[ten.label(i)]++;
        }
        assertEquals(5, counts[0], "circles");
        assertEquals(5, counts[1], "squares");
        assertEquals(ten.fingerprint(),
                Datasets.train(shapes, 10, new ImageFolder.Options(), err).fingerprint(),
                "the same sample every time");
        CliTest.Result r = run(train("--data", shapes.toString(), "--limit", "10", "--out",
                tmp.resolve("limited").toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("10 images spread over the classes, seed 0"), r::toString);
        CliTest.Result help = run("train", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("N spread over its classes"),
                help::toString);
    }

    @Test
    void limitOnIdxStaysTheFirstImages() throws IOException {
        Path idx = CliTest.idxDir(tmp.resolve("idx"), 30, 30);
        PrintWriter err = new PrintWriter(new StringWriter());
        ImageSet all = IdxDirectory.train(idx);
        ImageSet limited = Datasets.train(idx, 12, null, err);
        assertEquals(all.first(12).fingerprint(), limited.fingerprint());
        assertSame(all.getClass(), limited.getClass());
    }
}
