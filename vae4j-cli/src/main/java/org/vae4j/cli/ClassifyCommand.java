package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.ClassifierAccuracy;
import org.vae4j.eval.LabelSpreading;
import org.vae4j.eval.LatentClassifier;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j classify}: semi-supervised "M1" classification on latent means vs raw pixels. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Semi-supervised classification (M1, Kingma et al. 2014): fits logistic regression"
                    + " and k-NN (Tribuo) on N labelled images per class, and label spreading"
                    + " over those labels plus a pool of unlabelled training images, once on the"
                    + " VAE's latent means and once on raw pixels, and reports test accuracy.",
            "Labelled images come from an IDX or CIFAR-10 directory's train files and are"
                    + " tested on its test files; a folder of images, or the embedded set, is split"
                    + " in half; without --data, a run trained on a folder uses its training and"
                    + " validation splits."
        })
final class ClassifyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "--labels-per-class", paramLabel = "N", split = ",", defaultValue = "10",
            description = "Labelled images per class; several values give several rows"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Integer> labelsPerClass;

    @Mixin SeedOption seed;

    @Option(names = "--draws", paramLabel = "D", defaultValue = "5",
            description = "Independent draws of the labelled images (seeds SEED..SEED+D-1);"
                    + " accuracies are averaged, because a few labels vary a lot"
                    + " (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--unlabelled", paramLabel = "N", defaultValue = "20000",
            description = "Unlabelled training images (a random sample, seeded by --seed) that"
                    + " label spreading links the labelled ones through; 0 skips label spreading"
                    + " (default: ${DEFAULT-VALUE}, or all when there are fewer).")
    int unlabelled;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (draws <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--draws must be > 0, got " + draws);
        }
        if (unlabelled < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--unlabelled must be >= 0, got " + unlabelled);
        }
        for (int n : labelsPerClass) {
            if (n <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--labels-per-class must be > 0, got " + n);
            }
        }
        common.startEngine(spec.commandLine());
        ImageSet pool;
        ImageSet test;
        List<ClassifierAccuracy> rows = new ArrayList<>();
        int poolSize = 0;
        try (SavedModel saved = run.load()) {
            EvalData.PoolAndTest sets = data.poolAndTest(spec.commandLine(), run, saved, seed.seed);
            pool = sets.pool();
            test = sets.test();
            for (ImageSet s : List.of(pool, test)) {
                if (!s.hasLabels()) {
                    throw new CliException(s.source() + ": no labels; classify needs labelled"
                            + " images (label files, or class sub-folders)");
                }
            }
            LikelihoodScorer vae = Capabilities.require(spec.commandLine(), run.run, saved.model(),
                    LikelihoodScorer.class);
            if (vae.config().conditional()) {
                // Its encoder reads the label: latents "predicting" it would be circular.
                throw new CliException(run.run + ": a conditional model's encoder takes the"
                        + " label as input, so its latents cannot be used to classify; train"
                        + " without --conditional");
            }
            vae.checkShape(pool);
            float[][] testLatentF = vae.encode(test.toRows(null)).mu();
            float[][] testPixelsF = test.toRows(null);
            double[][] testLatent = toDouble(testLatentF);
            double[][] testPixels = toDouble(testPixelsF);
            int[] testY = test.labels();
            int[] poolY = pool.labels();
            LabelSpreading latentGraph = null;
            LabelSpreading pixelGraph = null;
            if (unlabelled > 0) {
                float[][] unlabelledPixels = pool.toRows(sample(pool.size(), unlabelled, seed.seed));
                poolSize = unlabelledPixels.length;
                latentGraph = LabelSpreading.prepare(vae.encode(unlabelledPixels).mu(), testLatentF,
                        LabelSpreading.Options.DEFAULTS);
                pixelGraph = LabelSpreading.prepare(unlabelledPixels, testPixelsF,
                        LabelSpreading.Options.DEFAULTS);
            }
            checkLabelsPerClass(pool);
            for (int n : labelsPerClass) {
                for (int draw = 0; draw < draws; draw++) {
                    int[] chosen = LatentClassifier.sampleLabelled(poolY, n, seed.seed + draw);
                    float[][] trainImages = pool.toRows(chosen);
                    int[] trainY = new int[chosen.length];
                    for (int i = 0; i < chosen.length; i++) {
                        trainY[i] = poolY[chosen[i]];
                    }
                    float[][] trainLatent = vae.encode(trainImages).mu();
                    rows.addAll(LatentClassifier.evaluate("latent", toDouble(trainLatent), trainY,
                            testLatent, testY, n));
                    rows.addAll(LatentClassifier.evaluate("pixels", toDouble(trainImages), trainY,
                            testPixels, testY, n));
                    if (latentGraph != null) {
                        rows.add(spread("latent", n, latentGraph.accuracy(trainLatent, trainY, testY),
                                chosen.length, testY.length));
                        rows.add(spread("pixels", n, pixelGraph.accuracy(trainImages, trainY, testY),
                                chosen.length, testY.length));
                    }
                }
            }
        }
        List<Map<String, Object>> summary = summarize(rows);
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("pool", pool.source());
            r.put("test", test.source());
            r.put("draws", draws);
            r.put("unlabelled", poolSize);
            r.put("results", summary);
            r.put("per_draw", rows);
            o.println(Json.toJson(r));
        } else {
            o.printf("%-8s %-9s %8s %8s %9s %7s%n", "features", "method", "labels/c", "train",
                    "accuracy", "std");
            for (Map<String, Object> a : summary) {
                o.printf(Locale.ROOT, "%-8s %-9s %8d %8d %9.4f %7.4f%n", a.get("features"),
                        a.get("method"), a.get("labels_per_class"), a.get("train_size"),
                        a.get("accuracy"), a.get("accuracy_std"));
            }
            o.println("test: " + test.source() + ", " + test.size() + " images"
                    + (poolSize > 0 ? "; spread: label spreading through " + poolSize
                            + " unlabelled training images" : ""));
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    /**
     * Every class of the pool must have {@code --labels-per-class} images to draw from. Checked
     * here so that the message names the flag and the data; the library's own check speaks of
     * its parameter ({@code perClass}).
     */
    private void checkLabelsPerClass(ImageSet pool) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int y : pool.labels()) {
            counts.merge(y, 1, Integer::sum);
        }
        int max = labelsPerClass.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() < max) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.format(
                        Locale.ROOT, "--labels-per-class %d: class %d has only %d images in %s;"
                                + " give at most %d", max, e.getKey(), e.getValue(),
                        pool.source(), counts.values().stream().mapToInt(Integer::intValue)
                                .min().orElse(0)));
            }
        }
    }

    private static ClassifierAccuracy spread(String features, int perClass, double accuracy,
            int trainSize, int testSize) {
        return new ClassifierAccuracy(features, LabelSpreading.METHOD, perClass, trainSize, testSize,
                accuracy);
    }

    /**
     * {@code count} distinct indices of {@code 0..size-1} (all of them if {@code count >= size}),
     * by a partial Fisher–Yates shuffle seeded with {@code seed}, in ascending order.
     */
    static int[] sample(int size, int count, long seed) {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        int take = Math.min(count, size);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(size - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, take);
        Arrays.sort(out);
        return out;
    }

    /** Mean and standard deviation of the accuracy over draws, per features, method and N. */
    private static List<Map<String, Object>> summarize(List<ClassifierAccuracy> rows) {
        Map<String, List<ClassifierAccuracy>> groups = new LinkedHashMap<>();
        for (ClassifierAccuracy a : rows) {
            groups.computeIfAbsent(a.labelsPerClass() + "/" + a.features() + "/" + a.method(),
                    key -> new ArrayList<>()).add(a);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<ClassifierAccuracy> g : groups.values()) {
            double mean = g.stream().mapToDouble(ClassifierAccuracy::accuracy).average().orElse(0);
            double var = g.stream().mapToDouble(a -> (a.accuracy() - mean) * (a.accuracy() - mean))
                    .sum() / Math.max(1, g.size() - 1);
            ClassifierAccuracy first = g.get(0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("features", first.features());
            m.put("method", first.method());
            m.put("labels_per_class", first.labelsPerClass());
            m.put("train_size", first.trainSize());
            m.put("test_size", first.testSize());
            m.put("draws", g.size());
            m.put("accuracy", mean);
            m.put("accuracy_std", Math.sqrt(var));
            out.add(m);
        }
        return out;
    }

    private static double[][] toDouble(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j];
            }
        }
        return out;
    }
}
