package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.copyRun;
import static org.vae4j.cli.CliTest.finite;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAE family on the command line: {@code train --objective iwae --k K} (recorded, checked on
 * resume, incompatible with the ELBO's KL shaping) and the {@code gaussian-learned} and {@code
 * gaussian-identity} likelihoods through {@code train} and {@code evaluate --json}.
 */
class FamilyCliTest {

    @TempDir static Path shared;

    /** A finished 1-epoch iwae run with K = 3 (600 images, latent 4). Copy before changing. */
    private static Path iwae;

    @TempDir Path tmp;

    @BeforeAll
    static void trainIwae() {
        iwae = shared.resolve("iwae");
        CliTest.Result r = run(train("--objective", "iwae", "--k", "3", "--epochs", "1",
                "--latent", "4", "--out", iwae.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("iwae k 3"), r::toString);
    }

    private static JsonObject provenanceOptions(Path run) throws Exception {
        return parseObject(Files.readString(run.resolve("model/provenance.json")))
                .getAsJsonObject("options");
    }

    @Test
    void iwaeRunRecordsItsObjectiveAndReportsElboTerms() throws Exception {
        JsonObject options = provenanceOptions(iwae);
        assertEquals("IWAE", options.get("objective").getAsString());
        assertEquals(3, options.get("importance_samples").getAsInt());
        // metrics.csv keeps the ELBO's columns: -ELBO = reconstruction + KL.
        String[] row = Files.readAllLines(iwae.resolve("metrics.csv")).get(1).split(",");
        assertEquals(Double.parseDouble(row[1]),
                Double.parseDouble(row[2]) + Double.parseDouble(row[3]), 1e-3);
        CliTest.Result e = run("evaluate", "--run", iwae.toString(), "--limit", "100", "-k",
                "50", "--json");
        assertEquals(0, e.code(), e::toString);
        JsonObject o = parseObject(e.out());
        assertTrue(finite(o, "is_nll") < finite(o, "neg_elbo"), o::toString);
    }

    @Test
    void resumingAnIwaeRunKeepsItsObjectiveAndK() throws Exception {
        Path copy = copyRun(iwae, tmp.resolve("copy"));
        assertUsage(run("train", "--resume", copy.toString(), "--objective", "elbo"),
                "vae4j train", "--objective", "cannot change", "uses iwae, got elbo");
        assertUsage(run("train", "--resume", copy.toString(), "--k", "4"),
                "vae4j train", "--k", "cannot change", "3", "4");
        // Repeating the run's values is fine, and the run continues as iwae with K = 3.
        CliTest.Result r = run("train", "--resume", copy.toString(), "--objective", "iwae",
                "--k", "3", "--epochs", "2", "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("epoch 2/2"), r::toString);
        assertEquals("IWAE", provenanceOptions(copy).get("objective").getAsString());
    }

    @Test
    void learningRateMilestonesAreRecordedAndMayOnlyBeAddedForUntrainedEpochs() throws Exception {
        Path copy = copyRun(iwae, tmp.resolve("lr"));
        // Epoch 1 is trained at 1e-3: a milestone at epoch 0 would have changed it.
        assertUsage(run("train", "--resume", copy.toString(), "--epochs", "3", "--lr-milestones",
                "0"), "vae4j train", "--lr-milestones must be increasing epochs >= 1, got [0]");
        assertUsage(run("train", "--resume", copy.toString(), "--lr-gamma", "2"),
                "vae4j train", "--lr-gamma must be in (0, 1], got 2.0");
        CliTest.Result r = run("train", "--resume", copy.toString(), "--epochs", "3",
                "--lr-milestones", "1,2", "--lr-gamma", "0.5", "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("learning rate: x0.5 after epochs [1, 2], 5.0E-4 from epoch 2"),
                r::toString);
        JsonObject schedule = provenanceOptions(copy).getAsJsonObject("lr_schedule");
        assertEquals("[1,2]", schedule.get("milestones").toString());
        assertEquals(0.5, schedule.get("gamma").getAsDouble());
        // Now epochs 1-3 are trained: moving the milestone at 2 would rewrite epoch 3's rate.
        assertUsage(run("train", "--resume", copy.toString(), "--epochs", "4", "--lr-milestones",
                "1,3"), "vae4j train", "would change the learning rate of epochs already trained (1-3");
        // Without the flags the run keeps its schedule.
        CliTest.Result more = run("train", "--resume", copy.toString(), "--epochs", "4",
                "--no-progress", "--threads", "2");
        assertEquals(0, more.code(), more::toString);
        assertEquals("[1,2]", provenanceOptions(copy).getAsJsonObject("lr_schedule")
                .get("milestones").toString());
    }

    @Test
    void logVarianceBoundsAreSavedWithTheModelAndKeptOnResume() throws Exception {
        Path out = tmp.resolve("bounded");
        // "-6,2" as its own argument: picocli must read a leading minus as a value here.
        CliTest.Result r = run(train("--logvar-bounds", "-6,2", "--epochs", "1", "--latent", "4",
                "--out", out.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("-4 (logvar in [-6.0, 2.0]), bernoulli"), r::toString);
        JsonObject bounds = parseObject(Files.readString(out.resolve("model/config.json")))
                .getAsJsonObject("logvar_bounds");
        assertEquals(-6.0, bounds.get("min").getAsDouble());
        assertEquals(2.0, bounds.get("max").getAsDouble());
        CliTest.Result e = run("evaluate", "--run", out.toString(), "--limit", "50", "--json");
        assertEquals(0, e.code(), e::toString);
        assertUsage(run("train", "--resume", out.toString(), "--epochs", "2", "--logvar-bounds",
                "-4,2"), "vae4j train", "--logvar-bounds cannot change when resuming",
                "[-6.0, 2.0]", "[-4.0, 2.0]");
        CliTest.Result more = run("train", "--resume", out.toString(), "--epochs", "2",
                "--logvar-bounds", "-6,2", "--no-progress", "--threads", "2");
        assertEquals(0, more.code(), more::toString);
        assertUsage(run("train", "--logvar-bounds", "2,-6", "--out", tmp.resolve("x").toString()),
                "vae4j train", "--logvar-bounds: log-variance bounds need min < max, got 2.0, -6.0");
        assertUsage(run("train", "--logvar-bounds", "-6", "--out", tmp.resolve("x").toString()),
                "vae4j train", "--logvar-bounds: log-variance bounds are two numbers MIN,MAX");
        assertFalse(Files.exists(tmp.resolve("x")), "a usage error must not create the run");
        // A run trained without bounds (its config has none) cannot gain them on resume.
        assertUsage(run("train", "--resume", copyRun(iwae, tmp.resolve("free")).toString(),
                "--epochs", "2", "--logvar-bounds", "-6,2"), "vae4j train",
                "--logvar-bounds cannot change when resuming", "got [-6.0, 2.0]");
    }

    @Test
    void iwaeFlagErrorsAreUsageErrors() {
        Path out = tmp.resolve("never");
        String o = out.toString();
        for (String[] flag : new String[][] {{"--beta", "2"}, {"--kl-warmup", "1"},
            {"--kl-cycles", "2"}, {"--free-bits", "0.5"}}) {
            assertUsage(run("train", "--objective", "iwae", flag[0], flag[1], "--out", o),
                    "vae4j train", flag[0], "--objective elbo");
        }
        assertUsage(run("train", "--objective", "vae", "--out", o), "vae4j train",
                "--objective", "'vae'", "elbo", "iwae");
        assertUsage(run("train", "--objective", "iwae", "--k", "0", "--out", o), "vae4j train",
                "--k", "got 0");
        assertUsage(run("train", "--k", "5", "--out", o), "vae4j train", "--k 5",
                "--objective iwae");
        assertUsage(run("train", "--k", "x", "--out", o), "vae4j train", "x");
        assertFalse(Files.exists(out), "a usage error must not create the run directory");
        CliTest.Result help = run("train", "--help");
        assertTrue(help.out().contains("--objective") && help.out().contains("gaussian-learned"),
                help::toString);
    }

    @Test
    void newLikelihoodsTrainAndEvaluate() throws Exception {
        Map<String, Long> parameters = new HashMap<>();
        for (String likelihood : new String[] {"gaussian-learned", "gaussian-identity"}) {
            Path out = tmp.resolve(likelihood);
            CliTest.Result r = run(train("--likelihood", likelihood, "--epochs", "1",
                    "--latent", "4", "--hidden", "64", "--out", out.toString()));
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains(likelihood), r::toString);
            Matcher count = Pattern.compile("([0-9,]+) parameters").matcher(r.out());
            assertTrue(count.find(), r::toString);
            parameters.put(likelihood, Long.parseLong(count.group(1).replace(",", "")));
            String config = Files.readString(out.resolve("model/config.json"));
            assertTrue(config.contains(likelihood.toUpperCase().replace('-', '_')), config);
            CliTest.Result e = run("evaluate", "--run", out.toString(), "--limit", "100", "-k",
                    "50", "--json");
            assertEquals(0, e.code(), e::toString);
            JsonObject o = parseObject(e.out());
            double negElbo = finite(o, "neg_elbo");
            assertEquals(negElbo, finite(o, "reconstruction") + finite(o, "kl"), 1e-3,
                    likelihood);
            assertTrue(finite(o, "is_nll") < negElbo, likelihood + ": " + o);
            assertEquals(4, o.getAsJsonArray("kl_per_unit").size());
            int active = o.get("active_units").getAsInt();
            assertTrue(active >= 0 && active <= 4, o::toString);
            CliTest.Result s = run("sample", "--run", out.toString(), "-n", "4", "--out",
                    tmp.resolve(likelihood + ".png").toString());
            assertEquals(0, s.code(), s::toString);
        }
        // The learned sigma is a real parameter, one per pixel.
        assertEquals(parameters.get("gaussian-identity") + 784,
                parameters.get("gaussian-learned"), parameters::toString);
    }

    @Test
    void convModelTrainsWithIwae() {
        Path out = tmp.resolve("conv");
        CliTest.Result r = run("train", "--model", "conv", "--objective", "iwae", "--k", "2",
                "--limit", "128", "--batch", "64", "--epochs", "1", "--no-progress",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(out.resolve("model/parameters.params")));
    }
}
