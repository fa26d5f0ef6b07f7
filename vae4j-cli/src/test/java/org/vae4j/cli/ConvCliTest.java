package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.VaeModel;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.SavedModel;
import org.vae4j.model.Architecture;
import org.vae4j.model.VaeConfig;

/** {@code train --model conv} end to end: defaults, saved config, use by other commands. */
class ConvCliTest {

    @TempDir Path tmp;

    private static VaeConfig config(Path run) throws Exception {
        try (SavedModel saved = ModelStore.load(RunDirectory.modelDirOf(run))) {
            return ((VaeModel) saved.model()).config();
        }
    }

    @Test
    void trainsTheKerasShapedConvVaeAndSamplesFromIt() throws Exception {
        Path out = tmp.resolve("conv");
        CliTest.Result r = run(train("--model", "conv", "--epochs", "1", "--json",
                "--out", out.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonObject json = parseObject(r.out());
        assertTrue(json.toString().contains("conv"), json::toString);
        VaeConfig cfg = config(out);
        assertEquals(Architecture.CONV, cfg.architecture());
        assertEquals(VaeConfig.DEFAULT_CONV_LATENT, cfg.latentDim());
        // 540 training images: the small-set dense width (SmallDataDefaultsTest has the rule).
        assertEquals(List.of(32, 64, SmallDataDefaults.DENSE), cfg.hidden());

        Path png = tmp.resolve("s.png");
        CliTest.Result s = run("sample", "--run", out.toString(), "-n", "4",
                "--out", png.toString());
        assertEquals(0, s.code(), s::toString);
        assertPng(png);
        CliTest.Result e = run("evaluate", "--run", out.toString(), "--limit", "200", "--json");
        assertEquals(0, e.code(), e::toString);
        double negElbo = parseObject(e.out()).get("neg_elbo").getAsDouble();
        assertTrue(negElbo > 100 && negElbo < 700, "-ELBO of a 1-epoch conv VAE: " + negElbo);
    }

    @Test
    void anRgbFolderTrainsAConvModelAndSamplesInColour() throws Exception {
        Path folder = DataSourcesCliTest.shapes(tmp.resolve("shapes"), 12);
        Path out = tmp.resolve("rgb-conv");
        CliTest.Result r = run(train("--model", "conv", "--data", folder.toString(), "--epochs",
                "2", "--out", out.toString()));
        assertEquals(0, r.code(), r::toString);
        VaeConfig cfg = config(out);
        assertEquals(Architecture.CONV, cfg.architecture());
        assertEquals(List.of(3, 32, 32), List.of(cfg.channels(), cfg.height(), cfg.width()));
        Path png = tmp.resolve("rgb.png");
        CliTest.Result s = run("sample", "--run", out.toString(), "-n", "8", "--out",
                png.toString());
        assertEquals(0, s.code(), s::toString);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        int coloured = DataSourcesCliTest.colouredPixels(img);
        assertTrue(coloured > 1000, "a 3-channel decoder draws colour; coloured pixels: "
                + coloured);
    }

    @Test
    void customLayoutAndBadLayouts() throws Exception {
        Path out = tmp.resolve("c3");
        CliTest.Result r = run(train("--model", "conv", "--hidden", "8,16,32,10", "--latent", "4",
                "--epochs", "1", "--out", out.toString()));
        // 28 is not divisible by 2^3: a one-line data error, not a stack trace.
        CliTest.assertFailure(r, "divisible by 8", "28x28");
        assertUsage(run("train", "--model", "conv", "--hidden", "16", "--out",
                tmp.resolve("c1").toString()), "vae4j train", "--hidden", "dense width");
        assertUsage(run("train", "--model", "resnet", "--out", tmp.resolve("c2").toString()),
                "vae4j train", "mlp, conv, gated", "resnet");
        CliTest.Result ok = run(train("--model", "conv", "--hidden", "8,6", "--latent", "3",
                "--epochs", "1", "--out", out.toString()));
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(List.of(8, 6), config(out).hidden());
    }
}
