package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.data.ImageSet;
import org.vae4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j reconstruct}: test images next to their reconstructions, as a PNG grid. */
@Command(
        name = "reconstruct",
        mixinStandardHelpOptions = true,
        description = {
            "Encodes test images to their posterior mean, decodes them and writes a PNG grid:",
            "rows of originals alternate with rows of reconstructions."
        })
final class ReconstructCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of MNIST-style IDX files; its t10k images are used.")
    Path data;

    @Option(names = "-n", paramLabel = "N", defaultValue = "32",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Output file (default: RUN_DIR/reconstructions.png).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-n must be > 0, got " + n);
        }
        common.startEngine(spec.commandLine());
        ImageSet test = Datasets.test(data, n);
        Path file = out != null ? out : run.outputDir().resolve("reconstructions.png");
        double mse;
        try (SavedModel saved = run.load()) {
            mse = Pictures.reconstructions(saved.model(), test, n, file);
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %d reconstructions to %s (mean squared error %.5f per pixel)%n",
                Math.min(n, test.size()), file, mse);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
