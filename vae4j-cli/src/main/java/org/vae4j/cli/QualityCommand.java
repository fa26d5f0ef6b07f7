package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Shuffler;
import org.vae4j.eval.quality.ClassifierCache;
import org.vae4j.eval.quality.ClassifierInfo;
import org.vae4j.eval.quality.ClassifierOptions;
import org.vae4j.eval.quality.DomainClassifier;
import org.vae4j.eval.quality.KnnManifold;
import org.vae4j.eval.quality.SampleQuality;
import org.vae4j.io.AtomicFiles;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.model.Sampler;
import org.vae4j.viz.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j quality}: how close a model's samples are to real images, through a small
 * classifier of the data's own domain: FD-LeNet, k-NN precision and recall, the classifier's
 * confidence and class histogram. Writes {@code RUN_DIR/quality.json} and adds a section to the
 * run's report.
 */
@Command(
        name = "quality",
        mixinStandardHelpOptions = true,
        description = {
            "Scores N samples of the model against N real images, on the features of a LeNet-5"
                    + " classifier trained on the data's labelled training images (trained on"
                    + " first use, then cached under ~/.cache/vae4j/features or"
                    + " $VAE4J_FEATURES_CACHE): FD-LeNet (the Frechet distance of FID's formula;"
                    + " not comparable with Inception FIDs), precision and recall (k-NN"
                    + " manifolds, k = 3), the classifier's mean confidence and the class"
                    + " histogram of the samples.",
            "Real images: the run's test images (see evaluate), or with --reference train its"
                    + " training images. Writes RUN_DIR/quality.json and adds the result to"
                    + " RUN_DIR/report.html.",
            "With --floor it scores real images against other real images instead (one half"
                    + " against the other): the floor a perfect model would reach at that N."
        })
final class QualityCommand implements Callable<Integer> {

    /** The result file in the run directory. */
    static final String FILE = "quality.json";

    /** The report section's title. */
    static final String SECTION = "Sample quality (FD-LeNet)";

    /** Seed of the halves an image folder or the embedded set is split into for the classifier. */
    private static final long HALVES_SEED = 1;

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10000",
            description = "Samples, and real images (at most as many as there are), to compare"
                    + " (default: ${DEFAULT-VALUE}; the numbers depend on N: compare models at"
                    + " the same N).")
    int n;

    @Option(names = "--reference", paramLabel = "SPLIT", defaultValue = "test",
            description = "The real images: test (default) or train, the classifier's"
                    + " training images.")
    String reference;

    @Option(names = "--floor",
            description = "Score N real images against N other real images (two disjoint"
                    + " halves of the --reference images, at most half of them each) instead of"
                    + " the model's samples: the floor of the numbers at that N. Writes nothing"
                    + " to the run.")
    boolean floor;

    @Mixin SeedOption seed;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        Bounds.check(cl, "-n", n, KnnManifold.DEFAULT_K + 1, Bounds.MAX_IMAGES);
        if (!reference.equals("test") && !reference.equals("train")) {
            throw new CommandLine.ParameterException(cl,
                    "--reference must be test or train, got '" + reference + "'");
        }
        common.startEngine(cl);
        PrintWriter err = cl.getErr();
        try (SavedModel saved = run.load()) {
            Sampler sampler = floor ? null
                    : Capabilities.require(cl, run.run, saved.model(), Sampler.class);
            EvalData.PoolAndTest split = data.poolAndTest(cl, run, saved, HALVES_SEED);
            ImageSet real = reference.equals("train") ? split.pool()
                    : data.test(cl, run, saved, 0);
            for (ImageSet s : List.of(split.pool(), split.test())) {
                if (!s.hasLabels()) {
                    throw new CliException(s.source() + ": the quality classifier trains on"
                            + " labelled images, and these have no labels");
                }
            }
            saved.model().checkShape(real);
            ClassifierCache cache = ClassifierCache.atDefaultRoot();
            ClassifierCache.Loaded loaded = cache.loadOrTrain(split.pool(), split.test(),
                    ClassifierOptions.defaults(), line -> {
                        err.println(line);
                        err.flush();
                    });
            try (DomainClassifier classifier = loaded.classifier()) {
                if (floor) {
                    floor(classifier, real, cache, loaded.trained());
                    return CommandLine.ExitCode.OK;
                }
                ImageSet used = sampleOf(real, n, seed.seed);
                SampleQuality q = SampleQuality.measure(classifier,
                        sampler.sample(used.size(), seed.seed), used, KnnManifold.DEFAULT_K);
                Path dir = cache.directory(classifier.info().trainFingerprint());
                Map<String, Object> r = result(q, used, dir, loaded.trained(), real);
                AtomicFiles.writeString(run.root().resolve(FILE), Json.toJson(r) + "\n");
                updateReport(q, used, err);
                print(q, used, r, dir, loaded.trained(), true);
            }
        }
        return CommandLine.ExitCode.OK;
    }

    /**
     * The floor: a seeded half of the real images (at most N) against as many others, printed
     * like a model's score; the run is left as it was.
     */
    private void floor(DomainClassifier classifier, ImageSet real, ClassifierCache cache,
            boolean trained) {
        int half = Math.min(n, real.size() / 2);
        int[] order = Shuffler.permutation(real.size(), seed.seed, 0);
        ImageSet a = real.subset(Arrays.copyOfRange(order, 0, half), real.source() + " (half A"
                + " of " + 2 * half + ", seed " + seed.seed + ")");
        ImageSet b = real.subset(Arrays.copyOfRange(order, half, 2 * half), real.source()
                + " (half B of " + 2 * half + ", seed " + seed.seed + ")");
        SampleQuality q = SampleQuality.measure(classifier, a.toRows(half), b,
                KnnManifold.DEFAULT_K);
        Path dir = cache.directory(classifier.info().trainFingerprint());
        Map<String, Object> r = result(q, b, dir, trained, real);
        r.put("floor", true);
        r.remove("model");
        print(q, b, r, dir, trained, false);
    }

    /** All the images, or a seeded sample of n of them. */
    private static ImageSet sampleOf(ImageSet real, int n, long seed) {
        if (n >= real.size()) {
            return real;
        }
        int[] order = Arrays.copyOf(Shuffler.permutation(real.size(), seed, 0), n);
        return real.subset(order, real.source() + " (" + n + " drawn with seed " + seed + ")");
    }

    private Map<String, Object> result(SampleQuality q, ImageSet used, Path cacheDir,
            boolean trained, ImageSet real) {
        ClassifierInfo c = q.classifier();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fd_lenet", q.frechetDistance());
        r.put("precision", q.precision());
        r.put("recall", q.recall());
        r.put("k", q.precisionRecall().k());
        r.put("mean_confidence", q.meanConfidence());
        r.put("reference_confidence", q.referenceConfidence());
        r.put("class_histogram", q.classHistogram());
        List<String> names = LatentArgs.classNames(real);
        if (names != null && names.size() == q.classHistogram().length) {
            r.put("class_names", names);
        }
        r.put("histogram_evenness", q.histogramEvenness());
        r.put("max_deviation_from_uniform", q.maxDeviationFromUniform());
        r.put("samples", q.samples());
        r.put("references", q.references());
        r.put("reference", reference);
        r.put("seed", seed.seed);
        r.put("data", used.source());
        r.put("data_fingerprint", used.fingerprint());
        Map<String, Object> cl = new LinkedHashMap<>();
        cl.put("network", "LeNet-5 with batch norm");
        cl.put("test_accuracy", c.testAccuracy());
        cl.put("test_images", c.testImages());
        cl.put("train_images", c.trainImages());
        cl.put("train_fingerprint", c.trainFingerprint());
        cl.put("cache", cacheDir.toString());
        cl.put("trained_now", trained);
        r.put("classifier", cl);
        r.put("model", run.run.toString());
        return r;
    }

    private void print(SampleQuality q, ImageSet used, Map<String, Object> r, Path dir,
            boolean trained, boolean wrote) {
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            o.println(Json.toJson(r));
            o.flush();
            return;
        }
        ClassifierInfo c = q.classifier();
        if (wrote) {
            o.printf(Locale.ROOT, "%s: %,d samples vs %,d images of %s%n", run.run, q.samples(),
                    q.references(), used.source());
        } else {
            o.printf(Locale.ROOT, "floor: %,d real images vs %,d others of %s%n", q.samples(),
                    q.references(), used.source());
        }
        o.printf(Locale.ROOT, "FD-LeNet %.3f (Frechet distance on LeNet features; not an"
                + " Inception FID)%n", q.frechetDistance());
        o.printf(Locale.ROOT, "precision %.3f, recall %.3f (k-NN manifolds, k = %d)%n",
                q.precision(), q.recall(), q.precisionRecall().k());
        o.printf(Locale.ROOT, "classifier confidence %.3f on samples, %.3f on the real"
                + " images%n", q.meanConfidence(), q.referenceConfidence());
        o.println("class histogram of samples: " + histogram(q, used) + String.format(
                Locale.ROOT, " (evenness %.3f, max deviation from uniform %.3f)",
                q.histogramEvenness(), q.maxDeviationFromUniform()));
        o.printf(Locale.ROOT, "classifier: LeNet-5, test accuracy %.4f on %,d images (%s %s)%n",
                c.testAccuracy(), c.testImages(), trained ? "trained now, cached in"
                        : "cached in", dir);
        if (wrote) {
            o.println("wrote " + run.root().resolve(FILE));
        }
        o.flush();
    }

    private static String histogram(SampleQuality q, ImageSet used) {
        double[] h = q.classHistogram();
        List<String> names = LatentArgs.classNames(used);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < h.length; k++) {
            String name = names != null && k < names.size() ? names.get(k) : Integer.toString(k);
            b.append(k == 0 ? "" : ", ").append(name)
                    .append(String.format(Locale.ROOT, " %.3f", h[k]));
        }
        return b.toString();
    }

    /** Adds or replaces the report's quality section, if the run has a report. */
    private void updateReport(SampleQuality q, ImageSet used, PrintWriter err) {
        Path file = run.root().resolve(ReportWriter.FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("FD-LeNet", String.format(Locale.ROOT, "%.3f", q.frechetDistance()));
        rows.put("Precision", String.format(Locale.ROOT, "%.3f", q.precision()));
        rows.put("Recall", String.format(Locale.ROOT, "%.3f", q.recall()));
        rows.put("Mean confidence", String.format(Locale.ROOT, "%.3f (real images %.3f)",
                q.meanConfidence(), q.referenceConfidence()));
        rows.put("Class histogram", histogram(q, used));
        rows.put("Samples vs real", q.samples() + " vs " + q.references() + " ("
                + used.source() + ")");
        rows.put("Classifier test accuracy", String.format(Locale.ROOT, "%.4f",
                q.classifier().testAccuracy()));
        rows.put("Seed", seed.seed);
        String caption = "vae4j quality: Frechet distance (FID's formula) and k-NN precision and"
                + " recall (k = " + q.precisionRecall().k() + ") on the penultimate features of a"
                + " LeNet-5 trained on the data; not comparable with Inception FIDs.";
        try {
            String html = Files.readString(file, StandardCharsets.UTF_8);
            AtomicFiles.writeString(file, RunReport.withTable(html, SECTION, caption, rows));
        } catch (IOException | IllegalArgumentException e) {
            err.println("warning: " + file + " not updated: " + e.getMessage());
            err.flush();
        }
    }
}
