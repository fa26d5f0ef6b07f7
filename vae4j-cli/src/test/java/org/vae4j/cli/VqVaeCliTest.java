package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.csvRows;
import static org.vae4j.cli.CliTest.finite;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VQ-VAE family through the real commands: it trains with its own flags, resumes to the same
 * bytes as a straight run (the codebook's moving averages and idle counters are parameters),
 * reconstructs, embeds and interpolates, and refuses sampling (no prior yet) and likelihoods.
 */
class VqVaeCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    private static Path straight;

    /** A small VQ-VAE (16 codes of 8 values, thin layers) on 600 of the embedded images. */
    private static String[] train(Path out, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--family", "vqvae", "--limit", "600",
                "--hidden", "16,8", "--codebook-size", "16", "--code-dim", "8",
                "--dead-code-steps", "3", "--epochs", String.valueOf(epochs), "--no-progress",
                "--threads", "2", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @BeforeAll
    static void trainStraight() {
        straight = shared.resolve("straight");
        CliTest.Result r = run(train(straight, 3));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("model: vqvae conv 1x28x28 -> 7x7 codes, K=16 D=8"),
                r::toString);
        assertTrue(r.out().contains("codebook usage "), r::toString);
    }

    @Test
    void runRecordsTheCodebookSettingsAndEpochWideMetrics() throws Exception {
        String config = Files.readString(straight.resolve("model/config.json"));
        assertTrue(config.contains("\"family\": \"vqvae\""), config);
        assertTrue(config.contains("\"codebook_size\": 16"), config);
        assertTrue(config.contains("\"likelihood\": \"GAUSSIAN\""), "the family's default");
        assertEquals("epoch,train_loss,train_mse,train_normalized_mse,train_commitment,"
                + "train_codebook_usage,train_perplexity,val_loss,val_mse,val_normalized_mse,"
                + "val_commitment,val_codebook_usage,val_perplexity,seconds,images_per_s,rss_mb",
                csvRows(straight).get(0));
        String[] last = csvRows(straight).get(3).split(",");
        double usage = Double.parseDouble(last[5]);
        double perplexity = Double.parseDouble(last[6]);
        assertTrue(usage > 0 && usage <= 1, "usage " + usage);
        assertTrue(perplexity >= 1 && perplexity <= 16, "perplexity " + perplexity);
        assertFalse(Files.exists(straight.resolve("samples.png")), "no prior, no samples");
        assertPng(straight.resolve("reconstructions.png"));
    }

    @Test
    void resumeEndsOnTheSameBytesAsAStraightRun() throws Exception {
        Path split = tmp.resolve("split");
        CliTest.Result r = run(train(split, 2));
        assertEquals(0, r.code(), r::toString);
        r = run("train", "--resume", split.toString(), "--epochs", "3", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(Files.readAllBytes(straight.resolve("model/parameters.params")),
                Files.readAllBytes(split.resolve("model/parameters.params")));
        List<String> a = csvRows(straight);
        List<String> b = csvRows(split);
        for (int i = 1; i <= 3; i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            for (int c = 1; c <= 12; c++) {
                assertEquals(x[c], y[c], "column " + c + " of epoch " + i);
            }
        }
        // The codebook cannot change under a run.
        assertUsage(run("train", "--resume", split.toString(), "--epochs", "4",
                "--codebook-size", "32"), "vae4j train", "--codebook-size cannot change");
    }

    @Test
    void whatItCanDoWorksAndTheRestIsRefusedInOneLine() throws Exception {
        Path out = tmp.resolve("pics");
        Files.createDirectories(out);
        CliTest.Result r = run("reconstruct", "--run", straight.toString(), "-n", "8", "--out",
                out.resolve("rec.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(out.resolve("rec.png"));
        r = run("embed", "--run", straight.toString(), "--limit", "50", "--out",
                out.resolve("emb.csv").toString());
        assertEquals(0, r.code(), r::toString);
        String header = Files.readAllLines(out.resolve("emb.csv")).get(0);
        // The quantised 7x7x8 code map.
        assertTrue(header.startsWith("index,label,z_0,") && header.endsWith(",z_391"), header);
        r = run("interpolate", "--run", straight.toString(), "--from", "0", "--to", "1",
                "--steps", "4", "--out", out.resolve("path.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(out.resolve("path.png"));
        r = run("evaluate", "--run", straight.toString(), "--limit", "200", "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        finite(o, "mse");
        finite(o, "codebook_usage");
        finite(o, "perplexity");

        assertUsage(run("sample", "--run", straight.toString(), "--out",
                out.resolve("s.png").toString()), "vae4j sample", "vae4j train-prior --run RUN");
        assertFalse(Files.exists(out.resolve("s.png")));
        assertUsage(run("evaluate", "--run", straight.toString(), "-k", "10"),
                "vae4j evaluate", "no likelihood to score");
        // score measures a VQ-VAE by the distance of its code grids to the training grids
        // (no likelihood, so no -ELBO); without latent distances it has nothing to score.
        CliTest.Result scored = run("score", "--run", straight.toString(), "--limit", "50",
                "--json", "--out", tmp.resolve("vq.csv").toString());
        assertEquals(0, scored.code(), scored::toString);
        assertEquals("latent_knn", parseObject(scored.out()).get("ranked_by").getAsString());
        assertUsage(run("score", "--run", straight.toString(), "--limit", "50", "--knn", "0"),
                "vae4j score", "no likelihood to score");
    }

    @Test
    void flagsOfAnotherFamilyAreRefusedNamingTheFlag() {
        Path x = tmp.resolve("x");
        assertUsage(run("train", "--codebook-size", "64", "--out", x.toString()),
                "vae4j train", "--codebook-size:", "family vae has no codebook");
        assertUsage(run("train", "--model", "ae", "--ema-decay", "0.9", "--out", x.toString()),
                "vae4j train", "--ema-decay:", "family ae has no codebook");
        assertUsage(run("train", "--family", "vqvae", "--latent", "8", "--out", x.toString()),
                "vae4j train", "--latent:", "--code-dim");
        assertUsage(run("train", "--family", "vqvae", "--codebook-size", "0", "--out",
                x.toString()), "vae4j train", "--codebook-size", "got 0");
        assertUsage(run("train", "--family", "vqvae", "--ema-decay", "1", "--out",
                x.toString()), "vae4j train", "--ema-decay", "[0, 1)");
        assertUsage(run("train", "--family", "vqvae", "--beta", "2", "--out", x.toString()),
                "vae4j train", "no KL term");
        assertFalse(Files.exists(x), "a usage error must not create the run");
    }
}
