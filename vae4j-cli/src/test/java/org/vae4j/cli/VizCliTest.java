package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.VaeModel;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.io.ModelStore;
import org.vae4j.io.SavedModel;
import org.vae4j.model.Encoding;

/** manifold, embed, interpolate and traverse through the CLI, with their error messages. */
class VizCliTest {

    @TempDir static Path shared;

    /** A 1-epoch run with a 2-D latent space on 600 embedded images. */
    private static Path run;

    @TempDir Path tmp;

    @BeforeAll
    static void trainLatent2() {
        run = shared.resolve("latent2");
        CliTest.Result r = run("train", "--limit", "600", "--batch", "64", "--epochs", "1",
                "--latent", "2", "--hidden", "64", "--no-progress", "--threads", "2", "--out",
                run.toString());
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void manifoldWritesTheGrid() throws IOException {
        Path png = tmp.resolve("m.png");
        CliTest.Result r = run("manifold", "--run", run.toString(), "--size", "5", "--range",
                "1.5", "--out", png.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(5, o.get("size").getAsInt());
        assertEquals(2, o.get("latent_dim").getAsInt());
        assertEquals(png.toString(), o.get("png").getAsString());
        BufferedImage img = ImageIO.read(png.toFile());
        // 5 tiles of 28 pixels at the automatic 4x (round(800 / 140) = 6, capped), plus axes.
        assertTrue(img.getWidth() > 5 * 28 * 4 && img.getHeight() > 5 * 28 * 4,
                img.getWidth() + "x" + img.getHeight());
        CliTest.Result scaled = run("manifold", "--run", run.toString(), "--size", "3",
                "--scale", "1", "--out", tmp.resolve("s.png").toString());
        assertEquals(0, scaled.code(), scaled::toString);
        assertTrue(ImageIO.read(tmp.resolve("s.png").toFile()).getWidth() < 5 * 28 * 4);
    }

    @Test
    void manifoldErrors() {
        // Bad flag values are usage errors (exit 2), even when only the model can tell.
        assertUsage(run("manifold", "--run", run.toString(), "--dims", "0,5"),
                "vae4j manifold", "--dims 0,5: the model has 2 latent dimensions");
        assertUsage(run("manifold", "--run", run.toString(), "--dims", "1,1"),
                "vae4j manifold", "--dims 1,1: dimension 1 is listed twice");
        assertUsage(run("manifold", "--run", run.toString(), "--dims", "0"), "vae4j manifold",
                "--dims takes two dimensions");
        assertUsage(run("manifold", "--run", run.toString(), "--size", "1"), "vae4j manifold",
                "--size must be >= 2, got 1");
        assertUsage(run("manifold", "--run", run.toString(), "--range", "0"), "vae4j manifold",
                "--range");
    }

    @Test
    void embedCsvEqualsEncodeAndScatterIsWritten() throws IOException {
        Path csv = tmp.resolve("e.csv");
        Path png = tmp.resolve("e.png");
        CliTest.Result r = run("embed", "--run", run.toString(), "--limit", "50", "--out",
                csv.toString(), "--png", png.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(50, o.get("images").getAsInt());
        assertEquals("identity", o.get("projection").getAsString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(51, lines.size());
        assertEquals("index,label,mu_0,mu_1,logvar_0,logvar_1", lines.get(0));
        ImageSet data = EmbeddedData.fashionMnistTest().first(50);
        Encoding want;
        try (SavedModel saved = ModelStore.load(run.resolve("model"))) {
            want = ((VaeModel) saved.model()).encode(data.toRows(null));
        }
        for (int i = 0; i < 50; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(6, f.length);
            assertEquals(i, Integer.parseInt(f[0]));
            assertEquals(data.label(i), Integer.parseInt(f[1]));
            for (int j = 0; j < 2; j++) {
                assertEquals(want.mu()[i][j], Float.parseFloat(f[2 + j]), 1e-5f);
                assertEquals(want.logvar()[i][j], Float.parseFloat(f[4 + j]), 1e-5f);
            }
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(800, img.getHeight());
    }

    @Test
    void interpolateByIndexWritesStripAndLoopingGif() throws IOException {
        Path png = tmp.resolve("walk.png");
        CliTest.Result r = run("interpolate", "--run", run.toString(), "--from", "0", "--to",
                "1", "--steps", "6", "--mode", "slerp", "--out", png.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(10, o.get("frames").getAsInt());
        assertEquals("slerp", o.get("mode").getAsString());
        assertEquals("image 0 (Ankle boot)", o.get("from").getAsString());
        assertPng(png);
        Path gif = tmp.resolve("walk.gif");
        assertEquals(gif.toString(), o.get("gif").getAsString());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(10, reader.getNumImages(true));
            assertEquals(112, reader.read(0).getWidth());
            reader.dispose();
        }
    }

    @Test
    void interpolateFromFiles() throws IOException {
        Path a = tmp.resolve("a.png");
        writeGray(a, EmbeddedData.fashionMnistTest().toRows(new int[] {5})[0], 28, 28);
        CliTest.Result r = run("interpolate", "--run", run.toString(), "--from-file",
                a.toString(), "--to", "3", "--out", tmp.resolve("f.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("from a.png to image 3"), r::toString);
        assertPng(tmp.resolve("f.png"));
        assertTrue(Files.isRegularFile(tmp.resolve("f.gif")));
    }

    @Test
    void interpolateErrors() throws IOException {
        Path big = tmp.resolve("big.png");
        writeGray(big, new float[30 * 30], 30, 30);
        assertFailure(run("interpolate", "--run", run.toString(), "--from-file", big.toString(),
                "--to", "1"), big + ": image is 30x30 pixels, the model expects 28x28");
        Path junk = tmp.resolve("junk.png");
        Files.writeString(junk, "hello");
        assertFailure(run("interpolate", "--run", run.toString(), "--from", "1", "--to-file",
                junk.toString()), junk + ": not a readable image");
        Path missing = tmp.resolve("missing.png");
        assertFailure(run("interpolate", "--run", run.toString(), "--from", "1", "--to-file",
                missing.toString()), missing + ": no such file");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "10000", "--to",
                "1"), "vae4j interpolate", "--from 10000: the data set has 10,000 images (0 to"
                        + " 9999)");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "1", "--to", "-2"),
                "vae4j interpolate", "--to -2: the data set has 10,000 images");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "1", "--from-file",
                big.toString(), "--to", "2"), "vae4j interpolate",
                "exactly one of --from and --from-file");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "1"),
                "vae4j interpolate", "exactly one of --to and --to-file");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "1", "--to", "2",
                "--mode", "cubic"), "vae4j interpolate", "--mode must be linear or slerp",
                "cubic");
        assertUsage(run("interpolate", "--run", run.toString(), "--from", "1", "--to", "2",
                "--steps", "1"), "vae4j interpolate", "--steps");
    }

    @Test
    void traverseAroundAnImage() throws IOException {
        Path png = tmp.resolve("t.png");
        CliTest.Result r = run("traverse", "--run", run.toString(), "--index", "7", "--steps",
                "5", "--out", png.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(2, o.getAsJsonArray("dims").size());
        assertTrue(o.get("base").getAsString().contains("image 7 (Shirt)"), r::toString);
        BufferedImage img = ImageIO.read(png.toFile());
        // 5 tiles of 56 pixels with 2-pixel gaps, 2 rows, plus labels.
        assertTrue(img.getWidth() > 5 * 58 && img.getHeight() > 2 * 58,
                img.getWidth() + "x" + img.getHeight());
        CliTest.Result one = run("traverse", "--run", run.toString(), "--dims", "1", "--out",
                tmp.resolve("t1.png").toString());
        assertEquals(0, one.code(), one::toString);
        assertTrue(one.out().contains("1 dimension (11 steps over [-3, 3]) around z = 0"),
                one::toString);
    }

    @Test
    void traverseErrors() {
        assertUsage(run("traverse", "--run", run.toString(), "--dims", "0,5"),
                "vae4j traverse", "--dims 0,5: the model has 2 latent dimensions");
        assertUsage(run("traverse", "--run", run.toString(), "--index", "-1"),
                "vae4j traverse", "--index -1: the data set has 10,000 images");
        assertUsage(run("traverse", "--run", run.toString(), "--range", "-1"),
                "vae4j traverse", "--range must be > 0", "-1");
        assertUsage(run("traverse", "--run", run.toString(), "--steps", "1"),
                "vae4j traverse", "--steps must be in [2, 100], got 1");
    }

    @Test
    void helpListsTheCommands() {
        CliTest.Result r = run("--help");
        for (String c : List.of("manifold", "embed", "interpolate", "traverse")) {
            assertTrue(r.out().contains(c), r::toString);
            CliTest.Result h = run(c, "--help");
            assertEquals(0, h.code(), h::toString);
            assertTrue(h.out().contains("--run") && h.out().contains("--json"), h::toString);
        }
    }

    private static void writeGray(Path file, float[] pixels, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, Math.round(pixels[y * w + x] * 255));
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
