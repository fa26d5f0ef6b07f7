package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.copyRun;
import static org.vae4j.cli.CliTest.csvRows;
import static org.vae4j.cli.CliTest.finite;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Families through the real commands: the plain autoencoder ({@code --model ae}), and {@code
 * tiny}, a family that exists only in test code ({@link org.vae4j.cli.tiny.TinyFamily},
 * registered by {@code META-INF/services} in the test resources): it trains, checkpoints both of
 * its parameter groups, resumes exactly and samples without the trainer or any command naming it.
 */
class ModelFamiliesCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    private static Path ae;
    private static Path vae;

    private static String[] train(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--limit", "2000", "--latent", "8", "--hidden", "64", "--no-progress", "--threads", "2",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @BeforeAll
    static void trainBoth() {
        ae = shared.resolve("ae");
        CliTest.Result r = run(train(ae, "--model", "ae", "--epochs", "3"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("model: autoencoder mlp 784-[64]-8"), r::toString);
        assertTrue(r.out().contains("train rec "), r::toString);
        vae = shared.resolve("vae");
        r = run(train(vae, "--epochs", "3"));
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void autoencoderRunIsTaggedAndReportsReconstructionOnly() throws Exception {
        String config = Files.readString(ae.resolve("model/config.json"));
        assertTrue(config.contains("\"family\": \"ae\""), config);
        assertEquals("epoch,train_reconstruction,val_reconstruction,seconds,images_per_s,rss_mb",
                csvRows(ae).get(0));
        assertFalse(Files.exists(ae.resolve("samples.png")), "an autoencoder draws no samples");
        assertPng(ae.resolve("reconstructions.png"));
        String report = Files.readString(ae.resolve("report.html"));
        assertTrue(report.contains("Codes of"), "the report's embedding scatter");
        assertTrue(report.contains("no prior over its codes"), "the report says why no samples");
    }

    @Test
    void autoencoderReconstructsBetterThanAVaeOfTheSameSize() {
        double aeRec = evaluate(ae).get("reconstruction").getAsDouble();
        double vaeRec = evaluate(vae).get("reconstruction").getAsDouble();
        // No KL to pay: the autoencoder's code carries more about each image.
        assertTrue(aeRec < vaeRec, "ae " + aeRec + " vs vae " + vaeRec);
    }

    private static JsonObject evaluate(Path run) {
        CliTest.Result r = run("evaluate", "--run", run.toString(), "--limit", "500", "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        finite(o, "reconstruction");
        return o;
    }

    @Test
    void autoencoderDoesWhatItCanAndRefusesTheRestInOneLine() throws Exception {
        Path out = tmp.resolve("pics");
        Files.createDirectories(out);
        CliTest.Result r = run("reconstruct", "--run", ae.toString(), "-n", "8", "--out",
                out.resolve("rec.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(out.resolve("rec.png"));
        r = run("embed", "--run", ae.toString(), "--limit", "300", "--out",
                out.resolve("emb.csv").toString());
        assertEquals(0, r.code(), r::toString);
        String csv = Files.readString(out.resolve("emb.csv"));
        assertTrue(csv.startsWith("index,label,z_0,"), csv.lines().findFirst().orElse(""));
        r = run("manifold", "--run", ae.toString(), "--size", "8", "--out",
                out.resolve("m.png").toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(out.resolve("m.png"));
        assertUsage(run("sample", "--run", ae.toString(), "--out",
                out.resolve("s.png").toString()), "vae4j sample", "cannot draw samples",
                "no prior");
        assertFalse(Files.exists(out.resolve("s.png")));
        assertUsage(run("evaluate", "--run", ae.toString(), "-k", "10"), "vae4j evaluate",
                "no likelihood to score");
        // score measures an autoencoder by latent distances alone; without them, nothing.
        assertUsage(run("score", "--run", ae.toString(), "--limit", "50", "--knn", "0"),
                "vae4j score", "no likelihood to score");
        assertUsage(run("train", "--model", "ae", "--beta", "2", "--out",
                tmp.resolve("x").toString()), "vae4j train", "no KL term");
        // The family's refusals name the flag behind the setting, and no run is created.
        assertUsage(run("train", "--model", "ae", "--logvar-bounds=-6,2", "--out",
                tmp.resolve("x").toString()), "vae4j train", "--logvar-bounds:",
                "no log-variances");
        assertUsage(run("train", "--model", "ae", "--likelihood", "gaussian-learned", "--out",
                tmp.resolve("x").toString()), "vae4j train", "--likelihood:", "learned sigma");
        assertFalse(Files.exists(tmp.resolve("x")), "a usage error must not create the run");
    }

    @Test
    void aFamilyRegisteredInTestCodeTrainsResumesExactlyAndSamples() throws Exception {
        Path straight = tmp.resolve("straight");
        CliTest.Result r = run(train(straight, "--family", "tiny", "--epochs", "3"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("train nll "), r::toString);
        assertTrue(Files.readString(straight.resolve("model/config.json"))
                .contains("\"family\": \"tiny\""));
        assertEquals("epoch,train_nll,val_nll,seconds,images_per_s,rss_mb",
                csvRows(straight).get(0));

        Path split = tmp.resolve("split");
        r = run(train(split, "--family", "tiny", "--epochs", "2"));
        assertEquals(0, r.code(), r::toString);
        r = run("train", "--resume", split.toString(), "--epochs", "3", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        // Both groups' optimizer state came back: 2 + 1 epochs end where 3 straight ones do.
        assertArrayEquals(Files.readAllBytes(straight.resolve("model/parameters.params")),
                Files.readAllBytes(split.resolve("model/parameters.params")));
        List<String> a = csvRows(straight);
        List<String> b = csvRows(split);
        for (int i = 1; i <= 3; i++) {
            assertEquals(a.get(i).split(",")[1], b.get(i).split(",")[1], "train nll of " + i);
        }

        Path png = tmp.resolve("tiny.png");
        r = run("sample", "--run", split.toString(), "-n", "8", "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        assertPng(png);
        assertUsage(run("reconstruct", "--run", split.toString()), "vae4j reconstruct",
                "cannot reconstruct images");
        assertUsage(run("train", "--family", "nope"), "vae4j train", "--family",
                "family must be one of vae, ae", "got 'nope'");
        copyRun(split, tmp.resolve("copy"));
    }
}
