package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.vae4j.model.Reconstructor;
import org.vae4j.data.ImageSet;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.viz.LatentTraversal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j traverse}: one latent dimension at a time, swept around a base code. */
@Command(
        name = "traverse",
        mixinStandardHelpOptions = true,
        description = {
            "Sweeps each latent dimension (one row each) over [-R, R] while holding the others at"
                    + " a base code: zeros, or the latent mean of test image --index.",
            "Writes a PNG grid with rows labelled z0, z1, ..."
        })
final class TraverseCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--dims", paramLabel = "D", split = ",",
            description = "Dimensions to sweep, comma separated (default: all).")
    List<Integer> dims;

    @Option(names = "--range", paramLabel = "R", defaultValue = "3",
            description = "Sweep over [-R, R] (default: ${DEFAULT-VALUE}).")
    double range;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "11",
            description = "Values per dimension (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--index", paramLabel = "I",
            description = "Hold the other dimensions at the latent mean of test image I"
                    + " (default: at 0).")
    Integer index;

    /** --index picks from these images. */
    @Mixin EvalData data;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "For a conditional model (train --conditional): the class every"
                    + " image is encoded and decoded as (required for such a model).")
    Integer label;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Output file (default: RUN_DIR/traversal.png).")
    Path out;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (!(range > 0) || Double.isInfinite(range)) {
            throw usage("--range must be > 0 and finite, got " + range);
        }
        if (steps < 2 || steps > 100) {
            throw usage("--steps must be in [2, 100], got " + steps);
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG picture");
        Path file = out != null ? out : run.outputDir().resolve("traversal.png");
        int[] d;
        String around;
        try (SavedModel saved = run.load()) {
            Reconstructor vae = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    Reconstructor.class);
            int latent = vae.config().latentDim();
            d = dims == null ? IntStream.range(0, latent).toArray()
                    : LatentArgs.dims(spec.commandLine(), "--dims", dims, latent);
            Integer cls = LatentArgs.label(spec.commandLine(), label, vae, true);
            float[] base = new float[latent];
            around = "z = 0";
            if (index != null) {
                ImageSet test = data.test(spec.commandLine(), run, saved, 0);
                vae.checkShape(test);
                int i = LatentArgs.index(spec.commandLine(), "--index", index, test);
                base = vae.encode(test.toRows(new int[] {i}),
                        cls == null ? null : new int[] {cls}).means()[0];
                around = "the latent mean of "
                        + LatentArgs.describe(test, i, LatentArgs.classNames(test));
            }
            LatentTraversal t = LatentTraversal.around(vae, base, d, range, steps, cls);
            t.writePng(file, "Latent traversal over [-" + LatentArgs.number(range) + ", "
                    + LatentArgs.number(range) + "] around " + around);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("png", file.toString());
            r.put("dims", d);
            r.put("range", range);
            r.put("steps", steps);
            r.put("base", around);
            o.println(Json.toJson(r));
        } else {
            o.printf("wrote a traversal of %d dimension%s (%d steps over [-%s, %s]) around %s"
                    + " to %s%n", d.length, d.length == 1 ? "" : "s", steps,
                    LatentArgs.number(range), LatentArgs.number(range), around, file);
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
