package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertFailure;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.copyRun;
import static org.vae4j.cli.CliTest.csvRows;
import static org.vae4j.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VQ-VAE's second stage through the real commands: {@code train-prior} on a tiny VQ-VAE run
 * (1 epoch, 200 images, K = 16), {@code sample} through the prior, the refusals, and an exact
 * resume of the prior's training.
 */
class PixelCnnPriorCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    /** A VQ-VAE run without a prior. */
    private static Path bare;

    /** The same run with a 1-epoch prior. */
    private static Path withPrior;

    @BeforeAll
    static void trainVqVae() throws Exception {
        bare = shared.resolve("vq");
        CliTest.Result r = run("train", "--family", "vqvae", "--limit", "200", "--epochs", "1",
                "--codebook-size", "16", "--code-dim", "8", "--hidden", "16,8", "--no-progress",
                "--threads", "2", "--out", bare.toString());
        assertEquals(0, r.code(), r::toString);
        withPrior = copyRun(bare, shared.resolve("vq-prior"));
        r = run(prior(withPrior, "--epochs", "1"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("conditional on 10 classes"), r::toString);
    }

    private static String[] prior(Path runDir, String... more) {
        List<String> a = new ArrayList<>(List.of("train-prior", "--run", runDir.toString(),
                "--layers", "2", "--channels", "8", "--batch", "64", "--no-progress",
                "--threads", "2"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void trainPriorWritesARunDirectoryAndSamples() throws Exception {
        Path p = withPrior.resolve("prior");
        assertTrue(Files.isRegularFile(p.resolve("checkpoint.vae4j")));
        assertTrue(Files.readString(p.resolve("model/config.json"))
                .contains("\"family\": \"pixelcnn\""));
        List<String> csv = csvRows(p);
        assertTrue(csv.get(0).startsWith("epoch,train_nats_per_code,train_bits_per_code,"
                + "val_nats_per_code,val_bits_per_code,"), csv.get(0));
        String[] row = csv.get(1).split(",");
        double nats = Double.parseDouble(row[3]);
        // One epoch on 180 grids: finite, and no worse than a little above uniform over 16 codes.
        assertTrue(nats > 0 && nats < Math.log(16) + 0.5, csv.get(1));
        assertEquals(nats / Math.log(2), Double.parseDouble(row[4]), 1e-3); // CSV: 4 decimals
        assertPng(withPrior.resolve("samples.png"));
    }

    @Test
    void sampleDrawsThroughThePriorReproducibly() throws Exception {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        CliTest.Result r = run("sample", "--run", withPrior.toString(), "-n", "10", "--seed", "3",
                "--out", a.toString());
        assertEquals(0, r.code(), r::toString);
        r = run("sample", "--run", withPrior.toString(), "-n", "10", "--seed", "3",
                "--out", b.toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(a);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        r = run("sample", "--run", withPrior.toString(), "-n", "4", "--label", "7",
                "--temperature", "0.5", "--out", tmp.resolve("c.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("of class 7"), r::toString);
        assertUsage(run("sample", "--run", withPrior.toString(), "--temperature", "0"),
                "vae4j sample", "--temperature must be in (0, 10], got 0.0");
        assertUsage(run("sample", "--run", withPrior.toString(), "--label", "10"),
                "vae4j sample", "10");
    }

    @Test
    void sampleWithoutAPriorSaysHowToTrainOne() {
        assertUsage(run("sample", "--run", bare.toString()), "vae4j sample",
                "vae4j train-prior --run");
    }

    @Test
    void trainPriorRefusesWhatItCannotUse() throws Exception {
        Path vae = tmp.resolve("vae");
        CliTest.Result r = run("train", "--limit", "100", "--epochs", "1", "--hidden", "16",
                "--latent", "2", "--no-progress", "--threads", "2", "--out", vae.toString());
        assertEquals(0, r.code(), r::toString);
        assertUsage(run(prior(vae)), "vae4j train-prior", "discrete code grid", "vae model");
        assertUsage(run("train-prior", "--run", vae.toString(), "--layers", "0"),
                "vae4j train-prior",
                "--layers must be in [1, 64], got 0");
        assertUsage(run("train-prior", "--run", vae.toString(), "--kernel", "4"),
                "vae4j train-prior", "--kernel must be odd, got 4");
        assertUsage(run("train-prior", "--run", vae.toString(), "--kernel", "17"),
                "vae4j train-prior", "--kernel must be in [3, 15], got 17");
        assertFailure(run(prior(withPrior)), "already holds a prior", "--resume");
        assertFailure(run(prior(bare, "--resume")), "no checkpoint to resume from");
        // The temperature is the prior's: a VAE has none to set.
        assertUsage(run("sample", "--run", vae.toString(), "--temperature", "2"),
                "vae4j sample", "--temperature applies");
    }

    /** A prior trained on other parameters of the model refuses to sample; the rest works. */
    @Test
    void aPriorOfOtherParametersRefusesToSample() throws Exception {
        Path moved = copyRun(withPrior, tmp.resolve("moved"));
        CliTest.Result r = run("train", "--resume", moved.toString(), "--epochs", "2",
                "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertUsage(run("sample", "--run", moved.toString()), "vae4j sample",
                "trained on the codes of other parameters", "vae4j train-prior --run");
        r = run("reconstruct", "--run", moved.toString(), "-n", "4", "--out",
                tmp.resolve("rec.png").toString());
        assertEquals(0, r.code(), r::toString);
    }

    /** Two epochs straight versus one plus --resume --epochs 2: identical prior parameters. */
    @Test
    void resumedPriorEqualsAStraightRun() throws Exception {
        Path straight = copyRun(bare, tmp.resolve("straight"));
        Path split = copyRun(bare, tmp.resolve("split"));
        assertEquals(0, run(prior(straight, "--epochs", "2")).code());
        assertEquals(0, run(prior(split, "--epochs", "1")).code());
        CliTest.Result r = run(prior(split, "--resume", "--epochs", "2"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("resuming"), r::toString);
        assertArrayEquals(Files.readAllBytes(straight.resolve("prior/model/parameters.params")),
                Files.readAllBytes(split.resolve("prior/model/parameters.params")));
        assertEquals(csvRows(straight.resolve("prior")).get(2).split(",")[3],
                csvRows(split.resolve("prior")).get(2).split(",")[3]);
    }
}
