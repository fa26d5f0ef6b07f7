package org.vae4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.model.Sampler;
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
        description = "Draws z from the model's prior (N(0, I); a VampPrior: a random"
                + " pseudo-input's posterior), decodes it and writes a PNG grid of the images.")
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
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG picture");
        Path file = out != null ? out : run.outputDir().resolve("samples.png");
        Integer cls;
        try (SavedModel saved = run.load()) {
            Sampler sampler = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    Sampler.class);
            cls = LatentArgs.label(spec.commandLine(), label, sampler, false);
            Pictures.samples(sampler, n, seed.seed, cls, file);
        }
        spec.commandLine().getOut().println("wrote " + n + " samples"
                + (cls == null ? "" : " of class " + cls) + " to " + file);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
