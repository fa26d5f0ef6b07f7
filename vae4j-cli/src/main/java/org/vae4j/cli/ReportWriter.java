package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.model.Encoder;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.GenerativeModel;
import org.vae4j.engine.CpuFeatures;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.io.Json;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.RunDirectory;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingProgress;
import org.vae4j.train.TrainingResult;
import org.vae4j.viz.RunReport;
import org.vae4j.viz.TrainingReport;

/** Writes {@code RUN_DIR/report.html} at the end of {@code vae4j train} (fresh or resumed). */
final class ReportWriter {

    /** The report's file name in the run directory. */
    static final String FILE = "report.html";

    private ReportWriter() {}

    /**
     * Writes the report of what the run holds and prints its path. Does nothing if no epoch has
     * completed (there is no saved model or curve to show yet).
     *
     * @param run the run directory (its {@code model/provenance.json} supplies the options)
     * @param vae the model as training left it
     * @param split the training and validation images
     * @param result the training history
     * @param startNanos {@link System#nanoTime()} when the command started
     * @param out where to print the path
     * @throws IOException naming the report if it cannot be made; the rest of the run is saved
     */
    static void write(RunDirectory run, GenerativeModel vae, Split split, TrainingResult result,
            long startNanos, PrintWriter out) throws IOException {
        List<EpochMetrics> history = result.history();
        Path modelDir = run.model();
        if (history.isEmpty() || !Files.exists(modelDir.resolve(ModelStore.PROVENANCE))) {
            return;
        }
        Path file = run.file(FILE);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        try {
            Provenance provenance = Json.read(modelDir.resolve(ModelStore.PROVENANCE),
                    Provenance.class);
            TrainOptions options = provenance.options();
            ImageSet shown = split.validation() != null ? split.validation() : split.train();
            RunReport.Builder b =
                    RunReport.builder("vae4j training run " + run.root().getFileName());
            TrainingReport.addFacts(b, run.root(), history, wall);
            b.fact("Status", status(result, run));
            b.fact("Precision", options.precision().id() + " on "
                    + Provenance.cpu(CpuFeatures.local()));
            TrainingReport.addLossCurves(b, history, options, vae.config().latentDim(),
                    split.train().size());
            // The run's seed, as samples.png: the report shows the same 64 samples.
            TrainingReport.addPictures(b, vae, shown, options.seed());
            if (vae.can(LikelihoodScorer.class)) {
                // Active units are measured against the prior: models with a density only.
                TrainingReport.addLatentStatistics(b, vae.as(LikelihoodScorer.class), shown,
                        options);
            }
            if (vae.can(Encoder.class)) {
                TrainingReport.addLatentSpace(b, vae.as(Encoder.class), shown,
                        LatentArgs.classNames(shown));
            }
            TrainingReport.addConfiguration(b, vae.config(), options, provenance);
            b.build().write(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IOException(file + ": cannot write the report (" + why
                    + "); the model, checkpoint and metrics are saved", e);
        }
        out.println("report: " + file);
        out.flush();
    }

    private static String status(TrainingResult result, RunDirectory run) {
        TrainingProgress p = result.progress();
        if (!result.interrupted()) {
            return "finished";
        }
        return "interrupted after epoch " + p.completedEpochs()
                + (p.atEpochBoundary() ? "" : " (+" + p.nextBatch() + " steps)")
                + "; continue with vae4j train --resume " + run.root();
    }
}
