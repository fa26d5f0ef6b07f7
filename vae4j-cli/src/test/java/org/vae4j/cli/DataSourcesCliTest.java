package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data} with image folders and CIFAR-10 directories, through the command line: one
 * run is trained for the class on a folder of 40 RGB shapes in two class sub-folders.
 */
class DataSourcesCliTest {

    private static final String[] FAST = {"--batch", "16", "--no-progress", "--threads", "2"};

    @TempDir static Path shared;

    /** 20 red squares in squares/, 20 blue circles in circles/, 32x32 PNG. */
    private static Path shapes;

    /** One epoch on {@link #shapes}. Only read. */
    private static Path shapesRun;

    @TempDir Path tmp;

    static String[] train(String... args) {
        List<String> all = new ArrayList<>(List.of("train", "--epochs", "1"));
        all.addAll(List.of(FAST));
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    static Path shapes(Path dir, int perClass) throws IOException {
        for (int i = 0; i < perClass; i++) {
            BufferedImage sq = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sq.createGraphics();
            g.setColor(Color.RED);
            g.fillRect(8 + i % 4, 8, 16, 16);
            g.dispose();
            png(sq, dir.resolve("squares").resolve(i + ".png"));
            BufferedImage ci = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            g = ci.createGraphics();
            g.setColor(Color.BLUE);
            g.fillOval(6, 6 + i % 4, 20, 20);
            g.dispose();
            png(ci, dir.resolve("circles").resolve(i + ".png"));
        }
        return dir;
    }

    /** Pixels whose R, G and B are not all equal (a one-channel model draws none). */
    static int colouredPixels(BufferedImage img) {
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int red = p >> 16 & 0xFF;
                coloured += red != (p >> 8 & 0xFF) || red != (p & 0xFF) ? 1 : 0;
            }
        }
        return coloured;
    }

    static Path png(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "png", file.toFile()));
        return file;
    }

    /** CIFAR-10 records with labels {@code i % 10} and pixels {@code (i + offset) % 256}. */
    static byte[] cifar(int count) {
        byte[] b = new byte[count * 3073];
        for (int i = 0; i < count; i++) {
            b[i * 3073] = (byte) (i % 10);
            for (int k = 1; k < 3073; k++) {
                b[i * 3073 + k] = (byte) (i * 13 + k);
            }
        }
        return b;
    }

    @BeforeAll
    static void trainOnShapes() throws IOException {
        shapes = shapes(shared.resolve("shapes"), 20);
        shapesRun = shared.resolve("shapes-run");
        CliTest.Result r = run(train("--data", shapes.toString(), "--out", shapesRun.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("40 images (36 train, 4 validation)"), r::toString);
    }

    // ---------------------------------------------------------------- image folders

    @Test
    void folderRunIsRgbAndSamplesInColour() throws IOException {
        JsonObject config = parseObject(Files.readString(shapesRun.resolve("model/config.json")));
        assertEquals(3, config.get("channels").getAsInt(), config::toString);
        assertEquals(32, config.get("height").getAsInt());
        JsonObject data = parseObject(Files.readString(shapesRun.resolve("data.json")));
        assertEquals(shapes.toAbsolutePath().toString(), data.get("data").getAsString());

        Path png = tmp.resolve("samples.png");
        CliTest.Result r = run("sample", "--run", shapesRun.toString(), "-n", "8", "--out",
                png.toString());
        assertEquals(0, r.code(), r::toString);
        BufferedImage img = ImageIO.read(png.toFile());
        // One row of 8 tiles of 32x32 scaled by 2, 2-pixel gaps.
        assertEquals(8 * (64 + 2) + 2, img.getWidth());
        assertEquals(64 + 2 + 2, img.getHeight());
        int coloured = colouredPixels(img);
        // A one-channel model draws gray tiles only (R = G = B everywhere).
        assertTrue(coloured > 1000, "coloured pixels: " + coloured);
    }

    @Test
    void evaluateUsesTheValidationSplitOrTheGivenFolder() {
        CliTest.Result r = run("evaluate", "--run", shapesRun.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(4, o.get("images").getAsInt(), o::toString);
        assertTrue(o.get("data").getAsString().endsWith("(validation split)"), o::toString);

        r = run("evaluate", "--run", shapesRun.resolve("model").toString(), "--data",
                shapes.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(40, parseObject(r.out()).get("images").getAsInt(), r::toString);
    }

    @Test
    void classifyAndScoreUseTheFolderLabels() {
        CliTest.Result r = run("classify", "--run", shapesRun.toString(), "--labels-per-class",
                "2", "--draws", "1", "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertTrue(o.get("pool").getAsString().endsWith("(train split)"), o::toString);
        assertTrue(o.get("test").getAsString().endsWith("(validation split)"), o::toString);

        Path csv = tmp.resolve("scores.csv");
        r = run("score", "--run", shapesRun.toString(), "--data", shapes.toString(), "-L", "1",
                "-k", "2", "--normal-classes", "0", "--out", csv.toString(), "--png",
                tmp.resolve("a.png").toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(40, parseObject(r.out()).get("images").getAsInt());
    }

    @Test
    void aFolderOfOtherSizesIsBroughtToTheModelsShape() throws IOException {
        // 48x40 gray images for a 3x32x32 model: scaled, cropped and given three channels.
        Path other = tmp.resolve("other");
        for (int i = 0; i < 3; i++) {
            BufferedImage g = new BufferedImage(40, 48, BufferedImage.TYPE_BYTE_GRAY);
            png(g, other.resolve(i + ".png"));
        }
        CliTest.Result r = run("reconstruct", "--run", shapesRun.toString(), "--data",
                other.toString(), "-n", "3", "--out", tmp.resolve("r.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3 reconstructions"), r::toString);
        // Forcing gray contradicts the model's three channels: one line, exit 1.
        assertFailure(run("evaluate", "--run", shapesRun.toString(), "--data", other.toString(),
                "--color", "gray"), "1x32x32", "3x32x32");
    }

    @Test
    void resumeReadsTheSameImagesWithTheSavedFlags() throws IOException {
        Path runDir = tmp.resolve("gray");
        CliTest.Result r = run(train("--data", shapes.toString(), "--image-size", "16x24",
                "--color", "gray", "--bad-images", "skip", "--out", runDir.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonObject config = parseObject(Files.readString(runDir.resolve("model/config.json")));
        assertEquals(1, config.get("channels").getAsInt());
        assertEquals(16, config.get("height").getAsInt());
        assertEquals(24, config.get("width").getAsInt());
        JsonObject data = parseObject(Files.readString(runDir.resolve("data.json")));
        assertEquals("16x24", data.get("image_size").getAsString());
        assertEquals("gray", data.get("color").getAsString());
        assertEquals("skip", data.get("bad_images").getAsString());

        r = run("train", "--resume", runDir.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("epoch 2/2"), r::toString);

        assertFailure(run("train", "--resume", runDir.toString(), "--epochs", "3",
                "--no-progress", "--color", "rgb"), "differs", "--color");
    }

    // ---------------------------------------------------------------- folder errors

    @Test
    void mixedSizesNeedAnImageSize() throws IOException {
        Path dir = tmp.resolve("mixed");
        png(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), dir.resolve("a.png"));
        png(new BufferedImage(20, 30, BufferedImage.TYPE_INT_RGB), dir.resolve("b.png"));
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                dir.resolve("b.png").toString(), "30x20", "32x32", "--image-size");
        CliTest.Result r = run(train("--data", dir.toString(), "--image-size", "16",
                "--val-fraction", "0", "--out", tmp.resolve("r2").toString()));
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void badFilesFailByNameOrAreSkippedWithAWarning() throws IOException {
        Path dir = shapes(tmp.resolve("with-bad"), 3);
        Path corrupt = dir.resolve("squares").resolve("corrupt.png");
        Files.writeString(corrupt, "not a picture");
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                corrupt.toString(), "not a PNG or JPEG image", "--bad-images skip");
        assertFalse(Files.exists(tmp.resolve("r").resolve("checkpoint.vae4j")));

        CliTest.Result r = run(train("--data", dir.toString(), "--bad-images", "skip", "--out",
                tmp.resolve("r2").toString()));
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of("warning: " + dir + ": skipped 1 bad image file of 7:"
                + " squares/corrupt.png (not a PNG or JPEG image)"), r.errLines());
        assertTrue(r.out().contains("6 images"), r::toString);
    }

    @Test
    void emptyFolderAndMisplacedFlags() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliTest.Result r = run(train("--data", empty.toString(), "--out",
                tmp.resolve("r").toString()));
        assertFailure(r, empty + ": no PNG or JPEG images found");
        assertEquals("error: " + empty + ": no PNG or JPEG images found", r.errLines().get(0));

        assertUsage(run(train("--image-size", "32", "--out", tmp.resolve("r").toString())),
                "vae4j train", "--image-size 32", "no --data");
        assertUsage(run(train("--data", shapes.toString(), "--color", "purple", "--out",
                tmp.resolve("r").toString())), "vae4j train", "--color", "purple");
        assertUsage(run(train("--data", shapes.toString(), "--image-size", "0x3", "--out",
                tmp.resolve("r").toString())), "vae4j train", "--image-size", "0x3");
        assertUsage(run(train("--data", shapes.toString(), "--bad-images", "ignore", "--out",
                tmp.resolve("r").toString())), "vae4j train", "--bad-images", "ignore");
        assertUsage(run("evaluate", "--run", shapesRun.toString(), "--image-size", "8"),
                "vae4j evaluate", "--image-size 8", "need --data");
    }

    // ---------------------------------------------------------------- CIFAR-10

    @Test
    void cifarDirectoryTrainsAndEvaluatesOnItsTestBatch() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        Files.write(dir.resolve("data_batch_1.bin"), cifar(30));
        Files.write(dir.resolve("test_batch.bin"), cifar(10));
        Path runDir = tmp.resolve("cifar-run");
        CliTest.Result r = run(train("--data", dir.toString(), "--out", runDir.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("30 images"), r::toString);
        JsonObject config = parseObject(Files.readString(runDir.resolve("model/config.json")));
        assertEquals(3, config.get("channels").getAsInt());

        // Without --data: the run's CIFAR-10 directory, so its test batch.
        r = run("evaluate", "--run", runDir.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(10, o.get("images").getAsInt(), o::toString);
        assertTrue(o.get("data").getAsString().endsWith("test_batch.bin"), o::toString);

        assertUsage(run("evaluate", "--run", runDir.toString(), "--data", dir.toString(),
                "--color", "gray"), "vae4j evaluate", "--color gray", "CIFAR-10 directory");
    }

    @Test
    void cifarErrorsAreOneLine() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar"));
        Path batch = dir.resolve("data_batch_1.bin");
        Files.write(batch, Arrays.copyOf(cifar(2), 3073 * 2 - 1));
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                batch + ": CIFAR-10 binary file is 6145 bytes, not a multiple of 3073"
                        + " (truncated?)");
        byte[] bad = cifar(3);
        bad[2 * 3073] = (byte) 200;
        Files.write(batch, bad);
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                batch.toString(), "record 2", "label 200");
    }
}
