package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --prior vamp} end to end: train, resume exactly, evaluate, sample, refusals. */
class PriorCliTest {

    private static final String[] SMALL = {
        "--limit", "300", "--batch", "64", "--no-progress", "--threads", "2", "--hidden", "16",
        "--latent", "2", "--seed", "3"
    };

    @TempDir Path tmp;

    private static String[] train(String... args) {
        String[] all = new String[1 + SMALL.length + args.length];
        all[0] = "train";
        System.arraycopy(SMALL, 0, all, 1, SMALL.length);
        System.arraycopy(args, 0, all, 1 + SMALL.length, args.length);
        return all;
    }

    @Test
    void aVampRunTrainsResumesExactlyEvaluatesAndSamples() throws Exception {
        Path straight = tmp.resolve("straight");
        CliTest.Result r = run(train("--prior", "vamp", "--pseudo-inputs", "7", "--epochs", "2",
                "--out", straight.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("vamp (7 pseudo-inputs) prior"), r::toString);
        String config = Files.readString(straight.resolve("model/config.json"));
        assertTrue(config.contains("\"VAMP\"") && config.contains("\"pseudo_inputs\": 7"),
                config);

        // One epoch, then a resume to two: the same numbers as the straight run.
        Path resumed = tmp.resolve("resumed");
        assertEquals(0, run(train("--prior", "vamp", "--pseudo-inputs", "7", "--epochs", "1",
                "--out", resumed.toString())).code());
        // The prior is part of the run: another K is refused, not silently ignored.
        assertUsage(run("train", "--resume", resumed.toString(), "--epochs", "2", "--prior",
                "vamp", "--pseudo-inputs", "9", "--no-progress"), "vae4j train",
                "cannot change when resuming", "vamp (7 pseudo-inputs), got vamp (9");
        r = run("train", "--resume", resumed.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        List<String> want = Files.readAllLines(straight.resolve("metrics.csv"));
        List<String> got = Files.readAllLines(resumed.resolve("metrics.csv"));
        assertEquals(want.size(), got.size());
        for (int i = 1; i < want.size(); i++) {
            String[] w = want.get(i).split(",");
            String[] g = got.get(i).split(",");
            for (int c = 0; c < 7; c++) {
                assertEquals(w[c], g[c], "row " + i + " column " + c);
            }
        }
        assertEquals(-1, Files.mismatch(straight.resolve("model/parameters.params"),
                resumed.resolve("model/parameters.params")), "same parameters");

        r = run("evaluate", "--run", straight.toString(), "--limit", "50", "-k", "10",
                "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        double isNll = o.get("is_nll").getAsDouble();
        double negElbo = o.get("neg_elbo").getAsDouble();
        assertTrue(Double.isFinite(isNll) && isNll > 0, r::toString);
        // The IS estimate with k = 10 is a tighter bound than the ELBO (up to sampling noise).
        assertTrue(isNll < negElbo + 1, r::toString);
        assertEquals("N(0, 1)", o.get("kl_per_unit_reference").getAsString());

        Path png = tmp.resolve("s.png");
        r = run("sample", "--run", straight.toString(), "-n", "4", "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        CliTest.assertPng(png);
    }

    @Test
    void badPriorFlagsAreUsageErrors() {
        String out = tmp.resolve("x").toString();
        assertUsage(run(train("--prior", "exemplar", "--out", out)), "vae4j train", "--prior",
                "exemplar");
        assertUsage(run(train("--pseudo-inputs", "5", "--out", out)), "vae4j train",
                "--pseudo-inputs", "--prior vamp");
        assertUsage(run(train("--prior", "vamp", "--pseudo-inputs", "0", "--out", out)),
                "vae4j train", "--pseudo-inputs", "[1, 10000]");
        assertUsage(run(train("--prior", "vamp", "--conditional", "--out", out)),
                "vae4j train", "--prior", "unconditional");
        assertUsage(run(train("--family", "ae", "--prior", "vamp", "--out", out)),
                "vae4j train", "--prior", "ae");
        assertUsage(run(train("--prior", "vamp", "--free-bits", "0.5", "--out", out)),
                "vae4j train", "free bits");
    }
}
