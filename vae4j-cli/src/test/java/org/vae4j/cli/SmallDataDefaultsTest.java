package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 14, item 18: conv defaults that learn on small folders, and only where flags are left out. */
class SmallDataDefaultsTest {

    @TempDir Path tmp;

    /** Parses {@code train ARGS} and applies the rule for a training split of {@code n}. */
    private static Object[] apply(int n, String... args) {
        TrainCommand cmd = new TrainCommand();
        CommandLine cl = new CommandLine(cmd);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        String line = SmallDataDefaults.apply(parsed, cmd.network, cmd.training, n);
        return new Object[] {line, cmd.training.batch, cmd.network.hidden};
    }

    @Test
    void aSmallConvRunGetsMoreUpdatesAndAWiderDenseLayer() {
        Object[] r = apply(2_700, "--model", "conv");
        assertEquals(SmallDataDefaults.BATCH, r[1]);
        assertEquals(List.of(32, 64, SmallDataDefaults.DENSE), r[2]);
        assertTrue(((String) r[0]).contains("2,700 training images"), (String) r[0]);
        assertTrue(((String) r[0]).contains("--batch 32 --hidden 32,64,128"), (String) r[0]);
    }

    @Test
    void givenFlagsAreKept() {
        Object[] r = apply(2_700, "--model", "conv", "--batch", "64", "--hidden", "16,32,8");
        assertNull(r[0]);
        assertEquals(64, r[1]);
        assertEquals(List.of(16, 32, 8), r[2]);
        Object[] onlyBatch = apply(2_700, "--model", "conv", "--batch", "64");
        assertEquals(64, onlyBatch[1]);
        assertEquals(List.of(32, 64, SmallDataDefaults.DENSE), onlyBatch[2]);
        assertFalse(((String) onlyBatch[0]).contains("--batch"), (String) onlyBatch[0]);
    }

    @Test
    void largeSetsAndOtherNetworksKeepTheirDefaults() {
        Object[] large = apply(SmallDataDefaults.MAX_TRAIN_IMAGES, "--model", "conv");
        assertNull(large[0]);
        assertEquals(128, large[1]);
        assertNull(large[2], "the family's default (Keras' 32,64,16) applies");
        Object[] mlp = apply(100, "--model", "mlp");
        assertNull(mlp[0]);
        assertEquals(128, mlp[1]);
    }

    @Test
    void trainSaysWhatItPicked() {
        Path out = tmp.resolve("small-conv");
        CliTest.Result r = run("train", "--model", "conv", "--limit", "300", "--epochs", "1",
                "--no-progress", "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("small data set (270 training images): conv defaults --batch"
                + " 32 --hidden 32,64,128"), r::toString);
        assertTrue(r.out().contains("conv 784-[32, 64, 128]-2"), r::toString);
        assertTrue(r.out().contains("batch 32,"), r::toString);
    }
}
