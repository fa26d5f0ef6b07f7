package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Reconstructor;
import org.vae4j.data.ImageSet;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.viz.ImageFiles;
import org.vae4j.viz.InterpolationMode;
import org.vae4j.viz.LatentInterpolation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j interpolate}: a walk between two images' latent means, as a strip and a GIF. */
@Command(
        name = "interpolate",
        mixinStandardHelpOptions = true,
        description = {
            "Encodes two images (test images by index, or image files of the model's size),"
                    + " interpolates between their latent means and decodes the path.",
            "Writes a PNG strip (A, the decodes, B) and an animated GIF going there and back."
        })
final class InterpolateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--from", paramLabel = "I", description = "Start at test image I.")
    Integer from;

    @Option(names = "--to", paramLabel = "J", description = "End at test image J.")
    Integer to;

    @Option(names = "--from-file", paramLabel = "IMAGE",
            description = "Start at this image file (PNG, JPEG, ...; the model's size).")
    Path fromFile;

    @Option(names = "--to-file", paramLabel = "IMAGE", description = "End at this image file.")
    Path toFile;

    /** --from/--to index these images. */
    @Mixin EvalData data;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "linear",
            description = "linear or slerp (spherical) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
            description = "Decoded points including both ends (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "100",
            description = "GIF frame time in milliseconds (default: ${DEFAULT-VALUE}).")
    int delay;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "For a conditional model (train --conditional): the class every"
                    + " image is encoded and decoded as (required for such a model).")
    Integer label;

    @Option(names = "--out", paramLabel = "PNG",
            description = "The strip (default: RUN_DIR/interpolation.png).")
    Path out;

    @Option(names = "--gif", paramLabel = "GIF",
            description = "The animation (default: the strip's name with .gif).")
    Path gif;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        InterpolationMode m;
        try {
            m = InterpolationMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw usage("--mode must be linear or slerp, got '" + mode + "'");
        }
        checkOneOf("--from", from, "--from-file", fromFile);
        checkOneOf("--to", to, "--to-file", toFile);
        if (steps < 2 || steps > 500) {
            throw usage("--steps must be in [2, 500], got " + steps);
        }
        if (delay < 10) {
            throw usage("--delay must be >= 10 ms, got " + delay);
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG strip");
        OutputFiles.check(spec.commandLine(), "--gif", gif, ".gif", "the animation");
        Path strip = out != null ? out : run.outputDir().resolve("interpolation.png");
        Path anim = gif != null ? gif : strip.resolveSibling(baseName(strip) + ".gif");
        LatentInterpolation path;
        String a;
        String b;
        try (SavedModel saved = run.load()) {
            ImageSet test = from != null || to != null
                    ? data.test(spec.commandLine(), run, saved, 0) : null;
            List<String> names = test == null ? null : LatentArgs.classNames(test);
            Reconstructor vae = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    Reconstructor.class);
            ModelConfig c = vae.config();
            if (test != null) {
                vae.checkShape(test);
            }
            float[] imageA = image("--from", from, fromFile, test, c);
            float[] imageB = image("--to", to, toFile, test, c);
            a = from != null ? LatentArgs.describe(test, from, names)
                    : fromFile.getFileName().toString();
            b = to != null ? LatentArgs.describe(test, to, names)
                    : toFile.getFileName().toString();
            Integer cls = LatentArgs.label(spec.commandLine(), label, vae, true);
            path = LatentInterpolation.between(vae, imageA, imageB, m, steps, cls);
        }
        String modeName = m.name().toLowerCase(java.util.Locale.ROOT);
        path.writeStripPng(strip, "Interpolation (" + modeName + "): A = " + a + ", B = " + b);
        path.writeGif(anim, delay);

        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", a);
            r.put("to", b);
            r.put("mode", modeName);
            r.put("steps", steps);
            r.put("frames", path.frameCount());
            r.put("png", strip.toString());
            r.put("gif", anim.toString());
            o.println(Json.toJson(r));
        } else {
            o.printf("interpolated (%s, %d steps) from %s to %s: wrote %s and %s (%d frames)%n",
                    modeName, steps, a, b, strip, anim, path.frameCount());
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    private void checkOneOf(String indexFlag, Integer index, String fileFlag, Path file) {
        if ((index == null) == (file == null)) {
            throw usage("give exactly one of " + indexFlag + " and " + fileFlag);
        }
    }

    private float[] image(String flag, Integer index, Path file, ImageSet test,
            ModelConfig c) throws java.io.IOException {
        if (index != null) {
            return test.toRows(new int[] {LatentArgs.index(spec.commandLine(), flag, index,
                    test)})[0];
        }
        return ImageFiles.read(file, c.channels(), c.height(), c.width());
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
