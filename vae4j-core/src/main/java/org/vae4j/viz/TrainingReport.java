package org.vae4j.viz;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vae4j.data.ImageSet;
import org.vae4j.data.SpreadSample;
import org.vae4j.eval.LatentStatistics;
import org.vae4j.io.Provenance;
import org.vae4j.model.Decoder;
import org.vae4j.model.Encoder;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.Sampler;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;

/**
 * The standard sections of a training run's {@link RunReport}, each added by one call so that a
 * caller can put its own sections between them:
 *
 * <pre>{@code
 * RunReport.Builder b = RunReport.builder("vae4j run");
 * TrainingReport.addFacts(b, runDir, history, wallSeconds);
 * TrainingReport.addLossCurves(b, history, options, config.latentDim(), trainImages);
 * TrainingReport.addPictures(b, model, validation, 1L);
 * TrainingReport.addLatentStatistics(b, model, validation, options);
 * TrainingReport.addConfiguration(b, config, options, provenance);
 * b.build().write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class TrainingReport {

    /**
     * Prior samples shown: as many as the CLI's {@code samples.png} (8 by 8), so that with the
     * same seed the report shows that very grid; 48 in 6 columns used to show only part of it.
     */
    static final int SAMPLES = 64;

    /** Columns of the sample grid: 8, as in {@code samples.png}. */
    static final int SAMPLE_COLUMNS = 8;

    /** Images shown with their reconstructions. */
    static final int RECONSTRUCTIONS = 24;

    /**
     * Images per row of the picture grids: 6 upscaled 28x28 images make a grid 518 pixels wide,
     * so samples and reconstructions sit side by side at their natural size.
     */
    static final int COLUMNS = 6;

    /** Upscaling of the picture grids: a 28x28 image becomes 84x84. */
    static final int SCALE = 3;

    /** Latent statistics use at most this many images. */
    static final int MAX_STATISTICS_IMAGES = 10_000;

    /** Points in the latent scatter: more only hide each other. */
    static final int MAX_SCATTER_IMAGES = 2_000;

    private TrainingReport() {}

    /**
     * Adds the facts under the title: run directory, date, wall time, training time (the sum of
     * the epochs' training steps) and the last epoch's numbers.
     *
     * @param b the report
     * @param runDir the run directory
     * @param history completed epochs (may be empty)
     * @param wallSeconds wall time of the session that wrote the report, or NaN if unknown
     * @return {@code b}
     */
    public static RunReport.Builder addFacts(RunReport.Builder b, Path runDir,
            List<EpochMetrics> history, double wallSeconds) {
        b.fact("Run directory", runDir.toAbsolutePath().normalize());
        b.fact("Date", ZonedDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm:ss z", Locale.ROOT)));
        if (!Double.isNaN(wallSeconds)) {
            b.fact("Wall time", duration(wallSeconds));
        }
        double training = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        b.fact("Training time", duration(training) + " (training steps of all epochs)");
        b.fact("Epochs", history.size());
        if (!history.isEmpty()) {
            EpochMetrics m = history.get(history.size() - 1);
            b.fact("Last epoch", m.train().has("neg_elbo") ? String.format(Locale.ROOT,
                    "train -ELBO %.2f (reconstruction %.2f + KL %.2f), validation -ELBO %s"
                            + " (reconstruction %s + KL %s) nats per image",
                    m.train("neg_elbo"), m.train("reconstruction"), m.train("kl"),
                    nats(m.validation("neg_elbo")), nats(m.validation("reconstruction")),
                    nats(m.validation("kl"))) : lastEpoch(m));
        }
        return b;
    }

    /** "train reconstruction 80.12, validation reconstruction 81.00 per image": any family. */
    private static String lastEpoch(EpochMetrics m) {
        StringBuilder train = new StringBuilder();
        StringBuilder val = new StringBuilder();
        for (String name : m.train().names()) {
            String label = name.replace('_', ' ');
            train.append(train.length() == 0 ? "" : ", ").append(label).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", m.train(name)));
            val.append(val.length() == 0 ? "" : ", ").append(label).append(' ')
                    .append(nats(m.validation(name)));
        }
        return "train " + train + ", validation " + val + " per image";
    }

    /**
     * Adds charts of the negative ELBO, the reconstruction and KL terms per epoch (training and
     * validation), and of the KL weight when the run uses KL annealing or free bits.
     *
     * @param b the report
     * @param history completed epochs; if empty a note says so
     * @param options the run's options (schedule and free bits)
     * @param latentDim L, for the free-bits line {@code lambda·L}
     * @param trainImages training set size (with the batch size, the steps per epoch)
     * @return {@code b}
     */
    public static RunReport.Builder addLossCurves(RunReport.Builder b, List<EpochMetrics> history,
            TrainOptions options, int latentDim, int trainImages) {
        if (history.isEmpty()) {
            return b.addText("Loss curves", "No epoch completed yet.");
        }
        if (!history.get(0).train().has("kl")) {
            // A family without the ELBO's terms: one chart per metric it reports.
            for (String name : history.get(0).train().names()) {
                b.addImage(org.vae4j.model.Metrics.title(name), "Per image. Training values are"
                        + " means over the epoch's steps; validation values are measured at its"
                        + " end.", TrainingCharts.metric(history, name, name.replace('_', ' ')
                        + " (per image)"));
            }
            return b;
        }
        b.addImage("Negative ELBO", "Per image, in nats: reconstruction + KL. Training values are"
                + " means over the epoch's steps; validation values are measured at its end.",
                TrainingCharts.negElbo(history));
        b.addImage("Reconstruction", "E_q[-log p(x|z)], nats per image.",
                TrainingCharts.reconstruction(history));
        double floor = options.freeBits() * latentDim;
        b.addImage("KL divergence", "KL(q(z|x) || N(0, I)), nats per image: the true KL, before"
                + " the KL weight or free bits act on it."
                + (floor > 0 ? " Dashed: free bits lambda·L, below which the loss does not push."
                        : ""),
                TrainingCharts.kl(history, floor));
        if (usesKlSchedule(options)) {
            int stepsPerEpoch = Math.max(1,
                    (trainImages + options.batchSize() - 1) / options.batchSize());
            b.addImage("KL weight", String.format(Locale.ROOT,
                    "loss = reconstruction + weight · %s; beta = %s, %s, %d steps per epoch.",
                    options.freeBits() > 0 ? "sum_i max(lambda, KL_i)" : "KL",
                    options.beta(), schedule(options), stepsPerEpoch),
                    TrainingCharts.klWeight(options, stepsPerEpoch));
        }
        return b;
    }

    /**
     * Adds samples from the prior and reconstructions of {@value #RECONSTRUCTIONS} images of
     * {@code images} spread over its classes ({@link SpreadSample}, seeded with {@code
     * sampleSeed}; rows of originals above rows of their reconstructions), upscaled {@value
     * #SCALE}x.
     *
     * @param b the report
     * @param model the trained model
     * @param images images to reconstruct, shaped like the model's input
     * @param sampleSeed seed of the prior draws and of the images reconstructed
     * @return {@code b}
     */
    public static RunReport.Builder addPictures(RunReport.Builder b, GenerativeModel model,
            ImageSet images, long sampleSeed) {
        ModelConfig c = model.config();
        if (!model.can(Sampler.class)) {
            b.addText("Samples from the prior", model.lacks(Sampler.class) + ".");
        } else if (c.conditional()) {
            // One column per class: sample i is drawn as class i mod K.
            int k = c.classes();
            int n = SAMPLES;
            b.addImage("Samples from the prior", String.format(Locale.ROOT,
                    "%d decodings of z ~ N(0, I) (pixel means), seed %d; column j is drawn as"
                            + " class j (conditional model, %d classes).", n, sampleSeed, k),
                    ImageGrid.render(model.as(Sampler.class).sample(n, sampleSeed), c.channels(),
                            c.height(),
                            c.width(), k, SCALE));
        } else {
            b.addImage("Samples from the prior", String.format(Locale.ROOT,
                    "%d decodings of z ~ N(0, I) (pixel means), seed %d.", SAMPLES, sampleSeed),
                    ImageGrid.render(model.as(Sampler.class).sample(SAMPLES, sampleSeed),
                            c.channels(), c.height(), c.width(), SAMPLE_COLUMNS,
                            halfWidthScale(c.width(), SAMPLE_COLUMNS)));
        }
        model.checkShape(images);
        if (!model.can(Reconstructor.class)) {
            return b.addText("Reconstructions", model.lacks(Reconstructor.class) + ".");
        }
        // Not the first images: a class folder's come sorted by class, so those are class 0.
        ImageSet shown = SpreadSample.of(images, RECONSTRUCTIONS, sampleSeed);
        float[][] originals = shown.toRows(null);
        float[][] tiles = originalsOverReconstructions(originals,
                model.as(Reconstructor.class).reconstruct(originals,
                        model.labelsFor(shown, originals.length)));
        b.addImage("Reconstructions", String.format(Locale.ROOT,
                // A source's own qualifiers end in brackets: the caption adds none after them.
                "%d images of %s, %s with seed %d. Rows of originals above rows of their"
                        + " reconstructions, decoded from the %s.", originals.length,
                images.source(), images.hasLabels() ? "spread over the classes" : "sampled",
                sampleSeed, model.can(LikelihoodScorer.class) ? "posterior mean" : "code"),
                ImageGrid.render(tiles, c.channels(), c.height(), c.width(),
                        Math.min(COLUMNS, originals.length), SCALE));
        return b;
    }

    /**
     * The largest upscaling up to {@value #SCALE} at which {@code columns} tiles fit in half the
     * page, so that the samples still sit beside the reconstructions.
     */
    static int halfWidthScale(int width, int columns) {
        int tile = (RunReport.HALF_WIDTH - ImageGrid.GAP) / columns - ImageGrid.GAP;
        return Math.max(1, Math.min(SCALE, tile / width));
    }

    /**
     * Adds the KL of each latent unit and the number of active units, computed on (at most
     * {@value #MAX_STATISTICS_IMAGES} of) {@code images}.
     *
     * @param b the report
     * @param model the trained model
     * @param images images shaped like the model's input
     * @param options the run's options (for the free-bits line)
     * @return the statistics that were drawn
     */
    public static LatentStatistics addLatentStatistics(RunReport.Builder b,
            LikelihoodScorer model,
            ImageSet images, TrainOptions options) {
        ImageSet used = images.size() > MAX_STATISTICS_IMAGES
                ? images.first(MAX_STATISTICS_IMAGES) : images;
        LatentStatistics stats = LatentStatistics.of(model, used);
        int l = stats.klPerUnit().length;
        b.addImage("Latent units", String.format(Locale.ROOT,
                "%d of %d units active (Var_x E_q[z_i|x] > %s, Burda et al. 2016) on %d images"
                        + " of %s; total KL%s %.2f nats per image.%s",
                stats.activeUnits(), l, stats.threshold(), stats.images(), used.source(),
                // A VampPrior has no per-unit KL: the bars measure each unit against N(0, 1).
                model.standardNormalPrior() ? "" : " from N(0, 1) (not the prior's KL term)",
                stats.totalKl(), stats.collapsed() ? " The posterior has collapsed." : ""),
                TrainingCharts.klPerUnit(stats, options.freeBits()));
        return stats;
    }

    /**
     * Adds the latent space: a scatter of the latent means of (at most 2,000 of) {@code images},
     * coloured by label when there are labels (PCA to 2-D when L &gt; 2), and for L = 2 the
     * decoded manifold over [-2, 2]² (20×20), Keras style.
     *
     * @param b the report
     * @param model the trained model
     * @param images images shaped like the model's input
     * @param classNames names of the labels (index = label), or null
     * @return {@code b}
     */
    public static RunReport.Builder addLatentSpace(RunReport.Builder b, Encoder model,
            ImageSet images, List<String> classNames) {
        ImageSet used = images.size() > MAX_SCATTER_IMAGES
                ? images.first(MAX_SCATTER_IMAGES) : images;
        if (used.size() < 3) {
            // A scatter (and its PCA) of one or two points says nothing.
            b.addText("Latent means", "Too few images (" + used.size() + ") for a scatter.");
        } else {
            addScatter(b, model, used, classNames);
        }
        if (model.config().latentDim() == 2 && model.can(Decoder.class)) {
            boolean conditional = model.config().conditional();
            // Without a prior the grid is laid in standard deviations of the codes.
            CodeScale codes = model.can(Sampler.class) ? null : CodeScale.of(model, used, 2000);
            LatentManifold m = LatentManifold.decode(model.as(Decoder.class), 20, 2.0, 0, 1,
                    conditional ? 0 : null, codes);
            b.addImage("Latent manifold", "Decoded means over a 20×20 grid of z in [-2, 2]²"
                    + (codes == null ? "" : " standard deviations around the codes' mean")
                    + " (top row: largest z1)"
                    + (conditional ? ", all decoded as class 0." : "."),
                    m.render(1, "Decoded latent manifold"));
        }
        return b;
    }

    private static void addScatter(RunReport.Builder b, Encoder model, ImageSet used,
            List<String> classNames) {
        LatentScatter scatter = LatentScatter.of(LatentEmbedding.of(model, used));
        b.addImage("Latent means", String.format(Locale.ROOT,
                "%s of %d images of %s%s.",
                model.can(LikelihoodScorer.class) ? "Posterior means" : "Codes", used.size(),
                used.source(),
                scatter.pca().isPresent() ? ", projected on their first two principal components"
                        : ""),
                scatter.render(model.can(LikelihoodScorer.class) ? "Latent means" : "Codes",
                        classNames));
    }

    /**
     * Adds tables of the model configuration, the training options and the provenance.
     *
     * @param b the report
     * @param config the model configuration
     * @param options the training options
     * @param provenance how the saved model was made, or null to leave that table out
     * @return {@code b}
     */
    public static RunReport.Builder addConfiguration(RunReport.Builder b, ModelConfig config,
            TrainOptions options, Provenance provenance) {
        // Every family's configuration is a record: its components are the table's rows.
        b.addTable("Model configuration", "As saved in model/config.json.",
                RecordRows.rows((Record) config, Set.of()));
        b.addTable("Training options", null, RecordRows.rows(options, Set.of()));
        if (provenance != null) {
            // The options have their own table.
            b.addTable("Provenance", "As saved in model/provenance.json.",
                    RecordRows.rows(provenance, Set.of("options")));
        }
        return b;
    }

    /** Whether the KL weight varies or free bits replace the KL term. */
    static boolean usesKlSchedule(TrainOptions o) {
        return o.klWarmupEpochs() > 0 || o.klCycles() > 0 || o.freeBits() > 0;
    }


    private static String schedule(TrainOptions o) {
        String s = o.klWarmupEpochs() > 0
                ? "linear warm-up over " + o.klWarmupEpochs() + " epochs"
                : o.klCycles() > 0 ? o.klCycles() + " cyclical ramps" : "no annealing";
        return o.freeBits() > 0 ? s + ", free bits lambda = " + o.freeBits() + " nats per unit"
                : s;
    }

    /**
     * Tiles rows of up to {@link #COLUMNS} originals, each followed by the row of their
     * decodings; a short last row is padded with blank images so that the two rows stay aligned.
     */
    static float[][] originalsOverReconstructions(float[][] originals, float[][] recon) {
        int count = originals.length;
        int cols = Math.min(COLUMNS, count);
        int rows = (count + cols - 1) / cols;
        float[] blank = new float[originals[0].length];
        float[][] tiles = new float[2 * rows * cols][];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (float[][] set : new float[][][] {originals, recon}) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    tiles[k++] = i < count ? set[i] : blank;
                }
            }
        }
        return tiles;
    }

    private static String nats(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** "42.3 s", "3 min 07 s", "2 h 05 min". */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
