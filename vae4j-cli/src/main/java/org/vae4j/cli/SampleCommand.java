package org.vae4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.family.pixelcnn.PixelCnnModel;
import org.vae4j.model.Sampler;
import org.vae4j.model.TemperatureSampler;
import org.vae4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j sample}: images drawn from the prior, as a PNG grid. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Draws images from the model's prior and writes a PNG grid of them: a VAE"
                + " decodes z ~ N(0, I) (a VampPrior: z from a random pseudo-input's posterior);"
                + " a VQ-VAE decodes code grids drawn by its PixelCNN prior (vae4j train-prior).")
final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "-n", paramLabel = "N", defaultValue = "64",
            description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin SeedOption seed;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "For a conditional model (train --conditional): draw this class"
                    + " (default: every class in turn, one column each).")
    Integer label;

    @Option(names = "--temperature", paramLabel = "T",
            description = "For a model sampled through a learned prior over codes (a VQ-VAE with"
                    + " train-prior): divide its logits by T, in (0, 10]; below 1 sharper, above"
                    + " 1 more varied (default: 1, the prior itself).")
    Double temperature;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Output file (default: RUN_DIR/samples.png).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-n must be > 0, got " + n);
        }
        Bounds.check(spec.commandLine(), "-n", n, 1, Bounds.MAX_IMAGES);
        if (temperature != null
                && !(temperature > 0 && temperature <= PixelCnnModel.MAX_TEMPERATURE)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--temperature must be in (0, 10], got " + temperature);
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG picture");
        Path file = out != null ? out : run.outputDir().resolve("samples.png");
        Integer cls;
        try (SavedModel saved = run.load()) {
            Sampler sampler = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    Sampler.class);
            sampler = tempered(sampler);
            cls = LatentArgs.label(spec.commandLine(), label, sampler, false);
            Pictures.samples(sampler, n, seed.seed, cls, file);
        }
        spec.commandLine().getOut().println("wrote " + n + " samples"
                + (cls == null ? "" : " of class " + cls) + " to " + file);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    /** The sampler at --temperature; refused for a model that has no temperature to set. */
    private Sampler tempered(Sampler sampler) {
        if (temperature == null) {
            return sampler;
        }
        if (!sampler.can(TemperatureSampler.class)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--temperature applies"
                    + " to models sampled through a learned prior over codes (a vqvae with"
                    + " train-prior); a " + sampler.config().family() + " model has none");
        }
        return sampler.as(TemperatureSampler.class).atTemperature(temperature);
    }
}
