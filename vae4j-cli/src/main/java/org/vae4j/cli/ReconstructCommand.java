package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.model.Reconstructor;
import org.vae4j.data.Corruption;
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
            "rows of originals alternate with rows of reconstructions. The N images are spread"
                    + " over the classes (in turn) when the data has labels, else sampled, with"
                    + " --seed."
        })
final class ReconstructCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "-n", paramLabel = "N", defaultValue = "32",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Output file (default: RUN_DIR/reconstructions.png).")
    Path out;

    @Option(names = "--corrupt", paramLabel = "SPEC",
            description = "Corrupt the inputs first: noise:SIGMA, saltpepper:P, mask:center or"
                    + " mask:random:P; rows then show corrupted, restored and original images.")
    String corrupt;

    @Option(names = "--inpaint-steps", paramLabel = "N", defaultValue = "5",
            description = "For masks: encode-decode rounds that keep the known pixels fixed"
                    + " (default: ${DEFAULT-VALUE}; 0 = plain reconstruction).")
    int inpaintSteps;

    @Mixin SeedOption seed;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-n must be > 0, got " + n);
        }
        Bounds.check(spec.commandLine(), "-n", n, 1, Bounds.MAX_IMAGES);
        if (inpaintSteps < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--inpaint-steps must be >= 0, got " + inpaintSteps);
        }
        Bounds.check(spec.commandLine(), "--inpaint-steps", inpaintSteps, 0,
                Bounds.MAX_INPAINT_STEPS);
        Corruption corruption = null;
        if (corrupt != null) {
            try {
                corruption = Corruption.parse(corrupt);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--corrupt: " + e.getMessage());
            }
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG picture");
        Path file = out != null ? out : run.outputDir().resolve("reconstructions.png");
        try (SavedModel saved = run.load()) {
            // All of them: the n shown are spread over the classes, not the first n.
            ImageSet test = data.test(spec.commandLine(), run, saved, 0);
            if (corruption != null) {
                return corrupted(saved, Pictures.shown(test, n, seed.seed), corruption, file);
            }
            double mse = Pictures.reconstructions(Capabilities.require(spec.commandLine(), run.run,
                    saved.model(), Reconstructor.class), test, n, seed.seed, file);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "wrote %d reconstructions to %s (mean squared error %.5f per pixel)%n",
                    Math.min(n, test.size()), file, mse);
        }
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    private int corrupted(SavedModel saved, ImageSet test, Corruption corruption, Path file)
            throws Exception {
        float[][] originals = test.toRows(n);
        int count = originals.length;
        Corruption.Result c = corruption.apply(originals, test.channels(), test.height(),
                test.width(), seed.seed);
        int rounds = corruption.isMask() ? inpaintSteps : 0;
        saved.model().checkShape(test);
        float[][] restored = Denoising.restore(Capabilities.require(spec.commandLine(),
                run.run, saved.model(), Reconstructor.class), c, rounds,
                saved.model().labelsFor(test, count));
        Denoising.Errors e = Denoising.errors(originals, c, restored);
        Pictures.triples(c.corrupted(), restored, originals, test.channels(), test.height(),
                test.width(), file);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s on %d images%s: mean squared error per pixel vs the originals:"
                        + " corrupted %.5f, restored %.5f%n", corruption.spec(), count,
                rounds > 0 ? " (" + rounds + " inpainting rounds)" : "", e.corrupted(),
                e.reconstructed());
        if (!Double.isNaN(e.corruptedUnknown())) {
            o.printf(Locale.ROOT, "on the unknown pixels only: corrupted %.5f, restored %.5f%n",
                    e.corruptedUnknown(), e.reconstructedUnknown());
        }
        o.println("wrote " + file + " (rows: corrupted, restored, original)");
        o.flush();
        return CommandLine.ExitCode.OK;
    }
}
