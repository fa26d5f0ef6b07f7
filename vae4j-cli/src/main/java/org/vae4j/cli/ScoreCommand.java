package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.RankMetrics;
import org.vae4j.io.AtomicFiles;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.train.Memory;
import org.vae4j.viz.ImageGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j score}: anomaly scores per image, ranked, with ROC/PR AUC given normal classes. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores every test image: negative ELBO, reconstruction log-probability averaged over"
                    + " L posterior samples (An & Cho 2015) and importance-sampled log-likelihood"
                    + " with k samples, all in nats.",
            "Writes a CSV sorted most anomalous first (by negative ELBO) and a PNG of the most"
                    + " (top rows) and least anomalous images. With --normal-classes, reports"
                    + " ROC-AUC and PR-AUC of each score for detecting the other classes."
        })
final class ScoreCommand implements Callable<Integer> {

    private static final int SHOWN = 16;

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Mixin EvalData data;

    @Option(names = "--limit", paramLabel = "N", description = "Score only the first N images."
                    + " Of an image folder (sorted by class): N spread over its classes,"
                    + " a fixed seeded sample.")
    int limit;

    @Option(names = {"-L", "--samples"}, paramLabel = "L", defaultValue = "10",
            description = "Posterior samples for the reconstruction probability (default:"
                    + " ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = {"-k", "--importance-samples"}, paramLabel = "K", defaultValue = "100",
            description = "Importance samples for the log-likelihood (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--normal-classes", paramLabel = "C", split = ",",
            description = "Labels of normal images; all others count as anomalies for AUCs.")
    List<Integer> normalClasses;

    @Option(names = "--ood-data", paramLabel = "PATH",
            description = "Out-of-distribution check: score this set's test images too (IDX,"
                    + " CIFAR-10 or an image folder, fitted to the model) and report how well"
                    + " each score tells them from the run's test images (ROC-AUC, PR-AUC, FPR"
                    + " at 95% TPR). The CSV and picture then rank both sets together.")
    Path oodData;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Score table (default: RUN_DIR/scores.csv).")
    Path out;

    @Option(names = "--png", paramLabel = "PNG",
            description = "Most and least anomalous images (default: RUN_DIR/anomalies.png).")
    Path png;

    @Mixin SeedOption seed;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
            description = "Score R times in this process and report the throughput and resident"
                    + " memory of each round (a memory check; default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (samples <= 0) {
            throw usage("--samples must be > 0, got " + samples);
        }
        Bounds.check(spec.commandLine(), "--samples", samples, 1,
                Bounds.MAX_IMPORTANCE_SAMPLES);
        if (k <= 0) {
            throw usage("--importance-samples must be > 0, got " + k);
        }
        Bounds.check(spec.commandLine(), "--importance-samples", k, 1,
                Bounds.MAX_IMPORTANCE_SAMPLES);
        if (limit < 0) {
            throw usage("--limit must be >= 0, got " + limit);
        }
        if (repeat <= 0) {
            throw usage("--repeat must be > 0, got " + repeat);
        }
        Bounds.check(spec.commandLine(), "--repeat", repeat, 1, Bounds.MAX_REPEAT);
        common.startEngine(spec.commandLine());
        OutputFiles.check(spec.commandLine(), "--out", out, ".csv", "the CSV table of scores");
        OutputFiles.check(spec.commandLine(), "--png", png, ".png", "the picture of both ends");
        Path csv = out != null ? out : run.outputDir().resolve("scores.csv");
        Path picture = png != null ? png : run.outputDir().resolve("anomalies.png");
        AnomalyScores scores = null;
        double seconds = 0;
        List<Map<String, Double>> rounds = new ArrayList<>();
        ImageSet test;
        boolean[] anomalous;
        try (SavedModel saved = run.load()) {
            test = data.test(spec.commandLine(), run, saved, limit);
            ImageSet ood = oodData == null ? null
                    : data.other(spec.commandLine(), oodData, saved, limit);
            if (ood != null && normalClasses != null) {
                throw usage("--ood-data and --normal-classes are two checks: give one");
            }
            anomalous = normalClasses == null ? null : anomalies(test);
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                LikelihoodScorer model = Capabilities.require(spec.commandLine(), run.run,
                        saved.model(), LikelihoodScorer.class);
                AnomalyScorer.Options o = new AnomalyScorer.Options(samples, k, 100, seed.seed);
                scores = AnomalyScorer.score(model, test, o);
                if (ood != null) {
                    scores = AnomalyScores.concat(scores, AnomalyScorer.score(model, ood, o));
                }
                seconds = (System.nanoTime() - t0) / 1e9;
                rounds.add(Map.of("images_per_s", scores.size() / seconds,
                        "rss_mb", Memory.rssMegabytes()));
            }
            if (ood != null) {
                anomalous = new boolean[test.size() + ood.size()];
                java.util.Arrays.fill(anomalous, test.size(), anomalous.length, true);
                test = both(test, ood);
            }
            Integer[] ranked = rank(scores);
            writeCsv(csv, test, scores, ranked);
            writePng(picture, test, saved.model().config(), ranked);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("images", test.size());
        summary.put("data", test.source());
        summary.put("samples", samples);
        summary.put("importance_samples", k);
        summary.put("images_per_s", scores.size() / seconds);
        summary.put("rss_mb", Memory.rssMegabytes());
        if (repeat > 1) {
            summary.put("rounds", rounds);
        }
        summary.put("mean_neg_elbo", mean(scores.negElbo()));
        summary.put("mean_recon_log_prob", mean(scores.reconstructionLogProb()));
        summary.put("mean_log_likelihood", mean(scores.logLikelihood()));
        if (anomalous != null) {
            if (oodData != null) {
                summary.put("ood_data", oodData.toString());
            } else {
                summary.put("normal_classes", normalClasses);
            }
            Map<String, Map<String, Double>> aucs = new LinkedHashMap<>();
            for (AnomalyScores.Kind kind : AnomalyScores.Kind.values()) {
                double[] s = scores.anomaly(kind);
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("roc_auc", RankMetrics.rocAuc(s, anomalous));
                m.put("pr_auc", RankMetrics.prAuc(s, anomalous));
                m.put("fpr_at_95_tpr", RankMetrics.fprAtTpr(s, anomalous, 0.95));
                aucs.put(kind.id(), m);
            }
            summary.put("auc", aucs);
        }
        summary.put("csv", csv.toString());
        summary.put("png", picture.toString());
        print(summary);
        return CommandLine.ExitCode.OK;
    }

    /** Marks images whose label is not a normal class; checks the classes exist. */
    private boolean[] anomalies(ImageSet test) {
        if (!test.hasLabels()) {
            throw usage("--normal-classes needs labels, but " + test.source() + " has none");
        }
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < test.size(); i++) {
            present.add(test.label(i));
        }
        for (int c : normalClasses) {
            if (!present.contains(c)) {
                throw usage("--normal-classes: class " + c + " does not occur in the labels of "
                        + test.source() + " (" + present + ")");
            }
        }
        boolean[] anomalous = new boolean[test.size()];
        for (int i = 0; i < anomalous.length; i++) {
            anomalous[i] = !normalClasses.contains(test.label(i));
        }
        boolean any = false;
        boolean all = true;
        for (boolean a : anomalous) {
            any |= a;
            all &= a;
        }
        if (!any || all) {
            throw usage("--normal-classes " + normalClasses + " leaves " + (any ? "no normal"
                    : "no anomalous") + " images in " + test.source());
        }
        return anomalous;
    }

    /** The two sets as one, for the CSV and the picture of a --ood-data check. */
    private static ImageSet both(ImageSet test, ImageSet ood) {
        byte[] a = test.pixelBytes();
        byte[] b = ood.pixelBytes();
        byte[] p = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, p, a.length, b.length);
        return new ImageSet(p, test.size() + ood.size(), test.channels(), test.height(),
                test.width(), null, null, test.source() + " then " + ood.source());
    }

    /** Image indices, most anomalous (highest negative ELBO) first. */
    private static Integer[] rank(AnomalyScores scores) {
        Integer[] idx = new Integer[scores.size()];
        Arrays.setAll(idx, i -> i);
        double[] s = scores.negElbo();
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -s[i]));
        return idx;
    }

    private static void writeCsv(Path csv, ImageSet test, AnomalyScores s, Integer[] ranked)
            throws IOException {
        StringBuilder sb = new StringBuilder("rank,index,label,neg_elbo,recon_log_prob,"
                + "log_likelihood,complexity,complexity_corrected\n");
        double[] corrected = s.anomaly(AnomalyScores.Kind.COMPLEXITY_CORRECTED);
        for (int r = 0; r < ranked.length; r++) {
            int i = ranked[r];
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%.4f,%.4f,%.4f,%.4f,%.4f%n", r + 1, i,
                    test.hasLabels() ? Integer.toString(test.label(i)) : "",
                    s.negElbo()[i], s.reconstructionLogProb()[i], s.logLikelihood()[i],
                    s.complexity()[i], corrected[i]));
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * Two rows of the most anomalous images, then two rows of the least anomalous, each end
     * labelled at its first row. An end that does not fill its rows is padded with blank tiles,
     * so that no row mixes the two ends.
     */
    private static void writePng(Path file, ImageSet test, ModelConfig c, Integer[] ranked)
            throws IOException {
        int shown = Math.min(SHOWN, ranked.length);
        int columns = Math.min(8, shown);
        int rowsPerEnd = (shown + columns - 1) / columns;
        float[] blank = new float[test.pixelsPerImage()];
        List<float[]> tiles = new ArrayList<>();
        for (int r = 0; r < rowsPerEnd * columns; r++) {
            tiles.add(r < shown ? test.toRows(new int[] {ranked[r]})[0] : blank);
        }
        for (int r = 0; r < rowsPerEnd * columns; r++) {
            tiles.add(r < shown ? test.toRows(new int[] {ranked[ranked.length - 1 - r]})[0]
                    : blank);
        }
        List<String> labels = new ArrayList<>();
        for (int row = 0; row < 2 * rowsPerEnd; row++) {
            labels.add(row == 0 ? "most anomalous" : row == rowsPerEnd ? "least anomalous" : "");
        }
        ImageGrid.writePng(ImageGrid.labelRows(ImageGrid.render(tiles.toArray(new float[0][]),
                c.channels(), c.height(), c.width(), columns, 2), c.height() * 2, labels), file);
    }

    private void print(Map<String, Object> summary) {
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            o.println(Json.toJson(summary));
        } else {
            o.printf(Locale.ROOT, "scored %d images (L=%d, k=%d) at %.0f images/s: mean -ELBO"
                            + " %.2f, mean log p(x) %.2f nats%n", (int) summary.get("images"), samples, k,
                    (double) summary.get("images_per_s"), (double) summary.get("mean_neg_elbo"),
                    (double) summary.get("mean_log_likelihood"));
            Object aucs = summary.get("auc");
            if (aucs != null) {
                o.printf("%-20s %8s %8s %9s%n", "score", "ROC-AUC", "PR-AUC", "FPR@95TPR");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Double>> m = (Map<String, Map<String, Double>>) aucs;
                List<String> belowChance = new ArrayList<>();
                for (Map.Entry<String, Map<String, Double>> e : m.entrySet()) {
                    o.printf(Locale.ROOT, "%-20s %8.4f %8.4f %9.4f%n", e.getKey(),
                            e.getValue().get("roc_auc"), e.getValue().get("pr_auc"),
                            e.getValue().get("fpr_at_95_tpr"));
                    if (e.getValue().get("roc_auc") < 0.5) {
                        belowChance.add(e.getKey());
                    }
                }
                if (!belowChance.isEmpty()) {
                    // A ranking worse than chance must not be trusted, and the user cannot tell.
                    o.println("warning: " + String.join(", ", belowChance) + " rank the"
                            + " anomalies below chance (ROC-AUC < 0.5) here: simpler images get"
                            + " higher likelihoods; do not use them for this data");
                }
            }
            printRounds(o, summary);
            o.println("wrote " + summary.get("csv") + " and " + summary.get("png"));
        }
        o.flush();
    }

    /**
     * With {@code --repeat R > 1}, one line per round: the line above gives only the last, and
     * a memory check needs to see whether the rounds drift.
     */
    private void printRounds(PrintWriter o, Map<String, Object> summary) {
        @SuppressWarnings("unchecked")
        List<Map<String, Double>> rounds = (List<Map<String, Double>>) summary.get("rounds");
        if (rounds == null) {
            return;
        }
        for (int r = 0; r < rounds.size(); r++) {
            o.printf(Locale.ROOT, "round %d/%d: %.0f images/s, RSS %.0f MB%n", r + 1,
                    rounds.size(), rounds.get(r).get("images_per_s"), rounds.get(r).get("rss_mb"));
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
