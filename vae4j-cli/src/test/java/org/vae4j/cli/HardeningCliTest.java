package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.copyRun;
import static org.vae4j.cli.CliTest.csvRows;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings of a hostile try-out (issue 14) on the command line: every size a user can pass is
 * bounded, a model without its checksum is refused, a resume cannot shrink a run, and --json is
 * JSON. Each case ran out of memory, hung, or succeeded wrongly before.
 */
class HardeningCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    /** Two epochs, no validation set (so its validation metrics are missing). */
    private static Path two;

    @BeforeAll
    static void trainTwoEpochs() {
        two = shared.resolve("two");
        CliTest.Result r = run(train("--epochs", "2", "--val-fraction", "0", "--out",
                two.toString()));
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    @Timeout(60)
    void everySizeFlagIsBounded() {
        String r = two.toString();
        Path out = tmp.resolve("never");
        assertUsage(run("sample", "--run", r, "-n", "1000000"), "vae4j sample",
                "-n must be in [1, 10000], got 1000000");
        assertUsage(run("evaluate", "--run", r, "-k", "1000000"), "vae4j evaluate",
                "--importance-samples must be in [0, 100000]");
        assertUsage(run("score", "--run", r, "-k", "1000000"), "vae4j score",
                "--importance-samples must be in [1, 100000]");
        assertUsage(run("reconstruct", "--run", r, "--corrupt", "mask:center",
                "--inpaint-steps", "1000000000"), "vae4j reconstruct", "--inpaint-steps");
        assertUsage(run("sample", "--run", r, "--threads", "100000"), "vae4j sample",
                "--threads must be in [0, 512]");
        assertUsage(run("train", "--objective", "iwae", "--k", "100000", "--out",
                out.toString()), "vae4j train", "--k", "<= 10000");
        assertUsage(run("train", "--objective", "iwae", "--k", "5000", "--batch", "4096",
                "--out", out.toString()), "vae4j train", "GiB", "lower the batch size");
        assertUsage(run("train", "--hidden", "2000000000", "--out", out.toString()),
                "vae4j train", "--hidden", "<= 65536");
        assertUsage(run("train", "--latent", "1000000", "--out", out.toString()),
                "vae4j train", "--latent", "<= 65536");
        assertFalse(Files.exists(out), "a usage error must not create the run");
    }

    @Test
    void aModelWithoutItsChecksumIsRefused() throws Exception {
        Path copy = copyRun(two, tmp.resolve("nosha"));
        Path prov = copy.resolve("model/provenance.json");
        String text = Files.readString(prov);
        Files.writeString(prov, text.replaceAll("\"parameters_sha256\": \"[^\"]*\"",
                "\"parameters_sha256\": null"));
        assertTrue(Files.readString(prov).contains("\"parameters_sha256\": null"));
        assertFailure(run("evaluate", "--run", copy.toString()), "provenance.json",
                "no parameters_sha256");
    }

    @Test
    void aResumeCannotShrinkTheRun() throws Exception {
        Path copy = copyRun(two, tmp.resolve("shrink"));
        assertUsage(run("train", "--resume", copy.toString(), "--epochs", "1"), "vae4j train",
                "--epochs 1 is below the 2 epochs the run has trained");
        assertEquals(3, csvRows(copy).size(), "the run is untouched");
    }

    @Test
    void jsonOutputAndMetricsHaveNoNaN() throws Exception {
        CliTest.Result r = run(train("--epochs", "1", "--val-fraction", "0", "--json",
                "--out", tmp.resolve("j").toString()));
        assertEquals(0, r.code(), r::toString);
        assertFalse(r.out().contains("NaN"), r.out());
        assertTrue(r.out().contains("\"val_neg_elbo\": null"), r.out());
        String metrics = Files.readString(tmp.resolve("j/metrics.json"));
        assertFalse(metrics.contains("NaN"), metrics);
        // And the files still read back: resume reads the history from the checkpoint.
        CliTest.Result resumed = run("train", "--resume", tmp.resolve("j").toString(),
                "--epochs", "2", "--no-progress");
        assertEquals(0, resumed.code(), resumed::toString);
    }

    @Test
    void aRunDirectoryInUseIsRefused() throws Exception {
        Path r = tmp.resolve("busy");
        Files.createDirectories(r);
        // Held as a second `train --out r` would find it while the first one trains.
        try (org.vae4j.io.RunLock held = org.vae4j.io.RunLock.acquire(r)) {
            assertFailure(run(train("--epochs", "1", "--out", r.toString())), "busy",
                    "is being trained by process " + ProcessHandle.current().pid());
        }
        assertFalse(Files.exists(r.resolve("checkpoint.vae4j")));
        CliTest.Result ok = run(train("--epochs", "1", "--out", r.toString()));
        assertEquals(0, ok.code(), ok::toString);
    }

    @Test
    void aRunInsideItsImageFolderIsRefused() throws Exception {
        Path folder = tmp.resolve("pics");
        Files.createDirectories(folder);
        for (int i = 0; i < 4; i++) {
            java.awt.image.BufferedImage img =
                    new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            javax.imageio.ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
        }
        assertUsage(run("train", "--data", folder.toString(), "--out",
                folder.resolve("run").toString()), "vae4j train", "is inside --data");
        assertFalse(Files.exists(folder.resolve("run")));
    }

    @Test
    void outputFlagsNameTheKindOfFile() {
        assertUsage(run("embed", "--run", two.toString(), "--out", tmp.resolve("x.png")
                .toString()), "vae4j embed", "--out", "x.png", "give a .csv file");
        assertUsage(run("sample", "--run", two.toString(), "--out", tmp.resolve("s.csv")
                .toString()), "vae4j sample", "give a .png file");
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void sparseLabelsWidenAConditionalModelOnlyWithAWarning() throws Exception {
        Path idx = CliTest.idxDir(tmp.resolve("idx"), 200, 0);
        int[] labels = new int[200];
        labels[7] = 200; // one stray byte among zeros
        org.vae4j.data.IdxFormat.writeLabels(idx.resolve("train-labels-idx1-ubyte"), labels);
        CliTest.Result r = run("train", "--conditional", "--data", idx.toString(), "--epochs",
                "1", "--no-progress", "--out", tmp.resolve("cvae").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("the labels use 2 of the 201 classes"), r::toString);
    }

    @Test
    void aRunWithoutDataJsonIsNotEvaluatedOnOtherData() throws Exception {
        Path idx = CliTest.idxDir(tmp.resolve("digits"), 300, 300);
        Path r = tmp.resolve("digits-run");
        CliTest.Result t = run("train", "--data", idx.toString(), "--epochs", "1",
                "--no-progress", "--out", r.toString());
        assertEquals(0, t.code(), t::toString);
        Files.delete(r.resolve("data.json"));
        assertUsage(run("evaluate", "--run", r.toString()), "vae4j evaluate", "no data.json",
                "give its data with --data");
        CliTest.Result withData = run("evaluate", "--run", r.toString(), "--data",
                idx.toString());
        assertTrue(withData.code() != 2, withData::toString);
        // A run of the embedded set still falls back on it.
        Path copy = copyRun(two, tmp.resolve("embedded-run"));
        Files.delete(copy.resolve("data.json"));
        CliTest.Result e = run("evaluate", "--run", copy.toString(), "--limit", "100");
        assertEquals(0, e.code(), e::toString);
    }

    @Test
    void aCollapsedPosteriorIsWarnedAboutWhileTraining() {
        CliTest.Result r = run(train("--epochs", "2", "--beta", "200", "--out",
                tmp.resolve("collapsed").toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("the posterior has collapsed"), r::toString);
        assertTrue(r.out().contains("--kl-warmup"), r::toString);
    }
}
