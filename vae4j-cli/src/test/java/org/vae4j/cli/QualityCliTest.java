package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.IdxFormat;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.quality.ClassifierCache;

/**
 * {@code vae4j quality} end to end, small: a 1-epoch VAE, and as --data an IDX directory of 300
 * training and 100 test images from the embedded set, so the classifier trains in seconds. The
 * classifier cache is a temporary directory (the system property), never the real one.
 */
class QualityCliTest {

    @TempDir static Path shared;

    private static Path vae;
    private static Path data;
    private static String cacheBefore;

    @TempDir Path tmp;

    @BeforeAll
    static void trainRunAndWriteData() throws IOException {
        cacheBefore = System.getProperty(ClassifierCache.ROOT_PROPERTY);
        System.setProperty(ClassifierCache.ROOT_PROPERTY, shared.resolve("cache").toString());
        vae = shared.resolve("vae");
        CliTest.Result r = run(train("--epochs", "1", "--out", vae.toString()));
        assertEquals(0, r.code(), r::toString);
        ImageSet all = EmbeddedData.fashionMnistTest();
        data = Files.createDirectories(shared.resolve("idx"));
        write(all.first(300), data, "train");
        int[] next = new int[100];
        java.util.Arrays.setAll(next, i -> 300 + i);
        write(all.subset(next, "next 100"), data, "t10k");
    }

    @AfterAll
    static void restoreCache() {
        if (cacheBefore == null) {
            System.clearProperty(ClassifierCache.ROOT_PROPERTY);
        } else {
            System.setProperty(ClassifierCache.ROOT_PROPERTY, cacheBefore);
        }
    }

    private static void write(ImageSet s, Path dir, String prefix) throws IOException {
        IdxFormat.writeImages(dir.resolve(prefix + "-images-idx3-ubyte"), s.pixelBytes(),
                s.size(), 28, 28);
        IdxFormat.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), s.labels());
    }

    @Test
    void scoresSamplesWritesQualityJsonAndUpdatesTheReport() throws IOException {
        Path run = CliTest.copyRun(vae, tmp.resolve("run"));
        CliTest.Result r = run("quality", "--run", run.toString(), "--data", data.toString(),
                "-n", "80", "--json", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = CliTest.parseObject(r.out().strip());
        assertTrue(CliTest.finite(o, "fd_lenet") > 0, r::toString);
        double precision = CliTest.finite(o, "precision");
        double recall = CliTest.finite(o, "recall");
        assertTrue(precision >= 0 && precision <= 1 && recall >= 0 && recall <= 1, r::toString);
        assertEquals(3, o.get("k").getAsInt());
        assertEquals(80, o.get("samples").getAsInt());
        assertEquals(80, o.get("references").getAsInt());
        JsonArray h = o.getAsJsonArray("class_histogram");
        assertEquals(10, h.size());
        double sum = 0;
        for (var v : h) {
            sum += v.getAsDouble();
        }
        assertEquals(1, sum, 1e-9);
        JsonObject c = o.getAsJsonObject("classifier");
        assertTrue(c.get("trained_now").getAsBoolean());
        assertEquals(100, c.get("test_images").getAsInt());
        double accuracy = CliTest.finite(c, "test_accuracy");
        assertTrue(c.get("cache").getAsString().startsWith(shared.resolve("cache").toString()));
        assertTrue(r.err().contains("training the quality classifier"), r::toString);

        JsonObject saved = CliTest.parseObject(Files.readString(run.resolve("quality.json"),
                StandardCharsets.UTF_8));
        assertEquals(o.get("fd_lenet").getAsDouble(), saved.get("fd_lenet").getAsDouble());
        String report = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(report.contains("Sample quality (FD-LeNet)"), "section missing");

        // Again, as text: the cached classifier, the same numbers, one report section.
        CliTest.Result again = run("quality", "--run", run.toString(), "--data",
                data.toString(), "-n", "80", "--threads", "2");
        assertEquals(0, again.code(), again::toString);
        assertFalse(again.err().contains("training"), again::toString);
        assertTrue(again.out().contains(String.format(java.util.Locale.ROOT, "FD-LeNet %.3f",
                o.get("fd_lenet").getAsDouble())), again::toString);
        assertTrue(again.out().contains(String.format(java.util.Locale.ROOT,
                "test accuracy %.4f", accuracy)), again::toString);
        assertFalse(again.out().contains("FID "), again::toString);
        report = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        assertEquals(report.indexOf("<h2>Sample quality (FD-LeNet)</h2>"),
                report.lastIndexOf("<h2>Sample quality (FD-LeNet)</h2>"), "one section");
    }

    /**
     * --floor scores real test images against other real test images: disjoint halves (at
     * most half the 100 each), a distance below the 1-epoch VAE's samples', and the run is
     * left as it was (no quality.json).
     */
    @Test
    void theFloorScoresRealHalvesAndWritesNothing() throws IOException {
        // Its own classifier cache: the test above checks that it trains the shared one first.
        String shared = System.getProperty(ClassifierCache.ROOT_PROPERTY);
        System.setProperty(ClassifierCache.ROOT_PROPERTY, tmp.resolve("cache").toString());
        try {
            floorRuns();
        } finally {
            System.setProperty(ClassifierCache.ROOT_PROPERTY, shared);
        }
    }

    private void floorRuns() throws IOException {
        Path run = CliTest.copyRun(vae, tmp.resolve("run"));
        CliTest.Result model = run("quality", "--run", run.toString(), "--data",
                data.toString(), "-n", "50", "--json", "--threads", "2");
        assertEquals(0, model.code(), model::toString);
        double modelFd = CliTest.finite(CliTest.parseObject(model.out().strip()), "fd_lenet");
        Files.delete(run.resolve("quality.json"));
        CliTest.Result r = run("quality", "--run", run.toString(), "--data", data.toString(),
                "-n", "80", "--floor", "--json", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = CliTest.parseObject(r.out().strip());
        assertTrue(o.get("floor").getAsBoolean(), r::toString);
        assertEquals(50, o.get("samples").getAsInt(), "half of the 100 test images");
        assertEquals(50, o.get("references").getAsInt());
        double fd = CliTest.finite(o, "fd_lenet");
        assertTrue(fd >= 0 && fd < modelFd, "floor " + fd + " vs the model's " + modelFd);
        assertFalse(Files.exists(run.resolve("quality.json")), "the floor wrote quality.json");
        CliTest.Result text = run("quality", "--run", run.toString(), "--data",
                data.toString(), "-n", "20", "--floor", "--threads", "2");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().startsWith("floor: 20 real images vs 20 others"), text::toString);
    }

    @Test
    void aModelWithoutAPriorIsRefusedInOneLine() {
        Path ae = tmp.resolve("ae");
        CliTest.Result t = run(train("--model", "ae", "--epochs", "1", "--out", ae.toString()));
        assertEquals(0, t.code(), t::toString);
        assertUsage(run("quality", "--run", ae.toString(), "--data", data.toString()),
                "vae4j quality", "cannot draw samples");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertUsage(run("quality", "--run", vae.toString(), "-n", "0"), "vae4j quality", "-n",
                "got 0");
        assertUsage(run("quality", "--run", vae.toString(), "-n", "20000"), "vae4j quality",
                "-n", "10000");
        assertUsage(run("quality", "--run", vae.toString(), "--reference", "val"),
                "vae4j quality", "--reference", "val");
    }
}
