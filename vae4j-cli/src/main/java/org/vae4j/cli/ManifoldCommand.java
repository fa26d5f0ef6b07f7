package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.model.Encoder;
import org.vae4j.model.Sampler;
import org.vae4j.viz.CodeScale;
import org.vae4j.model.Decoder;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.viz.LatentManifold;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j manifold}: decoded images over a plane of the latent space. */
@Command(
        name = "manifold",
        mixinStandardHelpOptions = true,
        description = {
            "Decodes a SIZE x SIZE grid of latent codes over [-R, R]^2 in two latent dimensions"
                    + " (the others at 0) and writes it as a PNG with axes.",
            "Columns sweep the first dimension left to right, rows the second, largest at the"
                    + " top."
        })
final class ManifoldCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "--size", paramLabel = "N", defaultValue = "30",
            description = "Images per side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--range", paramLabel = "R", defaultValue = "2",
            description = "The grid spans [-R, R] in both dimensions (default: ${DEFAULT-VALUE}).")
    double range;

    @Option(names = "--dims", paramLabel = "I,J", split = ",", defaultValue = "0,1",
            description = "The two latent dimensions along x and y (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--scale", paramLabel = "K",
            description = "Upscale each image K times (default: about 800 pixels in all; 1 for"
                    + " 30 images of 28 pixels).")
    Integer scale;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "For a conditional model (train --conditional): the class every"
                    + " image is decoded as (required for such a model).")
    Integer label;

    @Option(names = "--out", paramLabel = "PNG",
            description = "Output file (default: RUN_DIR/manifold.png).")
    Path out;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (size < 2) {
            throw usage("--size must be >= 2, got " + size);
        }
        if (size > 200) {
            throw usage("--size must be <= 200, got " + size);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw usage("--range must be > 0 and finite, got " + range);
        }
        if (dims.size() != 2) {
            throw usage("--dims takes two dimensions I,J, got " + dims.size() + " (" + dims
                    + ")");
        }
        if (scale != null && (scale < 1 || scale > 8)) {
            throw usage("--scale must be in [1, 8], got " + scale);
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".png", "the PNG picture");
        Path file = out != null ? out : run.outputDir().resolve("manifold.png");
        int[] d;
        int latent;
        try (SavedModel saved = run.load()) {
            Decoder vae = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    Decoder.class);
            latent = vae.config().latentDim();
            if (latent < 2) {
                throw new CliException("manifold needs at least 2 latent dimensions, the model"
                        + " has " + latent + " (try 'vae4j traverse')");
            }
            d = LatentArgs.dims(spec.commandLine(), "--dims", dims, latent);
            Integer cls = LatentArgs.label(spec.commandLine(), label, vae, true);
            // A model without a prior: its codes are not near N(0, I), so the grid is laid in
            // standard deviations around their mean, measured on (up to 2,000) images.
            CodeScale codes = saved.model().can(Sampler.class) ? null
                    : CodeScale.of(saved.model().as(Encoder.class),
                            data.test(spec.commandLine(), run, saved, 0), 2000);
            LatentManifold grid = LatentManifold.decode(vae, size, range, d[0], d[1], cls,
                    codes);
            grid.writePng(file, null, scale != null ? scale : grid.autoScale());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("png", file.toString());
            r.put("size", size);
            r.put("range", range);
            r.put("dims", d);
            r.put("latent_dim", latent);
            r.put("model", run.run.toString());
            o.println(Json.toJson(r));
        } else {
            String r = LatentArgs.number(range);
            o.printf("wrote a %dx%d manifold of z%d (x) and z%d (y) over [-%s, %s] to %s%n",
                    size, size, d[0], d[1], r, r, file);
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
