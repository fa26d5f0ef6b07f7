package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.model.Encoder;
import org.vae4j.data.ImageSet;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.viz.LatentEmbedding;
import org.vae4j.viz.LatentScatter;
import org.vae4j.viz.Pca;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j embed}: latent means and log-variances of a data set, as CSV and a scatter. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Encodes every test image and writes a CSV (index, label, mu_0.., logvar_0..) and a"
                    + " scatter plot of the latent means coloured by label (PCA to 2-D when the"
                    + " latent has more than 2 dimensions).",
            "Uses the run's test images (see --data)."
        })
final class EmbedCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "--limit", paramLabel = "N", description = "Embed only the first N images."
                    + " Of an image folder (sorted by class): N spread over its classes,"
                    + " a fixed seeded sample.")
    int limit;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Table of the encodings (default: RUN_DIR/embedding.csv).")
    Path out;

    @Option(names = "--png", paramLabel = "PNG",
            description = "Scatter plot (default: RUN_DIR/embedding.png).")
    Path png;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be >= 0, got " + limit);
        }
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".csv", "the CSV table of codes");
        OutputFiles.check(spec.commandLine(), "--png", png, ".png", "the scatter plot");
        Path csv = out != null ? out : run.outputDir().resolve("embedding.csv");
        Path picture = png != null ? png : run.outputDir().resolve("embedding.png");
        LatentEmbedding embedding;
        ImageSet test;
        try (SavedModel saved = run.load()) {
            test = data.test(spec.commandLine(), run, saved, limit);
            embedding = LatentEmbedding.of(Capabilities.require(spec.commandLine(), run.run,
                    saved.model(), Encoder.class), test);
        }
        embedding.writeCsv(csv);
        LatentScatter scatter = LatentScatter.of(embedding);
        String title = (embedding.gaussian() ? "Latent means: " : "Codes: ") + test.source();
        scatter.writePng(picture, title, LatentArgs.classNames(test));

        PrintWriter o = spec.commandLine().getOut();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("images", test.size());
        r.put("latent_dim", embedding.latentDim());
        r.put("labels", test.hasLabels());
        r.put("projection", scatter.pca().isPresent() ? "pca" : "identity");
        scatter.pca().ifPresent(p -> r.put("explained_variance",
                List.of(p.explainedVarianceRatio(0), p.explainedVarianceRatio(1))));
        r.put("data", test.source());
        r.put("csv", csv.toString());
        r.put("png", picture.toString());
        if (json.json) {
            o.println(Json.toJson(r));
        } else {
            o.printf(Locale.ROOT, "embedded %,d images in %d latent dimensions%s%n", test.size(),
                    embedding.latentDim(), scatter.pca().map(EmbedCommand::pcaNote).orElse(""));
            o.println("wrote " + csv + " and " + picture);
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    private static String pcaNote(Pca p) {
        return String.format(Locale.ROOT, "; plotted on PC1 and PC2 (%.1f%% and %.1f%% of the"
                + " variance)", 100 * p.explainedVarianceRatio(0),
                100 * p.explainedVarianceRatio(1));
    }
}
