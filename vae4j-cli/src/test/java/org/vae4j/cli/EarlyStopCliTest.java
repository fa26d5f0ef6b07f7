package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --early-stop} and the best model in {@code model/}, through the command line
 * (the scripted-curve behaviour is checked in vae4j-core's EarlyStopTest).
 */
class EarlyStopCliTest {

    private static final String[] SMALL = {
        "--limit", "300", "--batch", "64", "--no-progress", "--threads", "2", "--hidden", "16",
        "--latent", "2"
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
    void earlyStopIsBoundedAndNeedsValidationData() {
        assertUsage(run(train("--early-stop", "-1", "--out", tmp.resolve("a").toString())),
                "vae4j train", "--early-stop", "-1");
        assertUsage(run(train("--early-stop", "3", "--val-fraction", "0", "--out",
                tmp.resolve("b").toString())), "vae4j train", "--early-stop", "validation");
        assertUsage(run(train("--early-stop", "2000001", "--out", tmp.resolve("c").toString())),
                "vae4j train", "--early-stop", "2000000");
    }

    @Test
    void theJsonNamesTheBestEpochWhichModelHoldsAndResumeMayChangeThePatience()
            throws Exception {
        Path out = tmp.resolve("run");
        CliTest.Result r = run(train("--epochs", "2", "--early-stop", "5", "--json", "--out",
                out.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        int best = o.get("best_epoch").getAsInt();
        assertTrue(best == 1 || best == 2, r::toString);
        assertEquals(false, o.get("stopped_early").getAsBoolean());
        JsonObject provenance = parseObject(Files.readString(out.resolve("model/provenance.json")));
        assertEquals(best, provenance.get("epochs").getAsInt(), "model/ is the best epoch");

        // A run without validation data cannot take a patience on resume.
        Path noVal = tmp.resolve("noval");
        assertEquals(0, run(train("--epochs", "1", "--val-fraction", "0", "--out",
                noVal.toString())).code());
        assertUsage(run("train", "--resume", noVal.toString(), "--epochs", "2", "--early-stop",
                "2", "--no-progress"), "vae4j train", "--early-stop");

        r = run("train", "--resume", out.toString(), "--epochs", "3", "--early-stop", "1",
                "--no-progress", "--json");
        assertEquals(0, r.code(), r::toString);
        o = parseObject(r.out());
        int epochs = o.get("epochs").getAsInt();
        best = o.get("best_epoch").getAsInt();
        // Patience 1: the run goes on while every epoch improves and stops after the first that
        // does not (an epoch-2 run whose best was epoch 1 stops at once, training nothing).
        if (o.get("stopped_early").getAsBoolean()) {
            assertEquals(1, epochs - best, r::toString);
        } else {
            assertEquals(3, epochs, r::toString);
        }
        provenance = parseObject(Files.readString(out.resolve("model/provenance.json")));
        assertEquals(best, provenance.get("epochs").getAsInt());
    }
}
