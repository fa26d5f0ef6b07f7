package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.LatentReference;
import org.vae4j.io.Json;
import org.vae4j.io.SavedModel;
import org.vae4j.train.Memory;
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
                    + " L posterior samples (An & Cho 2015), importance-sampled log-likelihood"
                    + " with k samples (nats), the likelihood corrected for PNG complexity"
                    + " (Serra et al. 2020), with --background the likelihood ratio (Ren et al."
                    + " 2019), and the latent k-NN and Mahalanobis distances to the run's"
                    + " training codes (also for families without a likelihood).",
            "Writes a CSV sorted most anomalous first and a PNG of the most (top rows) and least"
                    + " anomalous images. With --normal-classes or --ood-data, reports ROC-AUC,"
                    + " PR-AUC and FPR at 95%% TPR of every score, and ranks by the best."
        })
final class ScoreCommand implements Callable<Integer> {

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
                    + " at 95%% TPR). The CSV and picture then rank both sets together.")
    Path oodData;

    @Option(names = "--background", paramLabel = "RUN_DIR",
            description = "A background model (same family and shape, trained with --perturb):"
                    + " adds the likelihood ratio log p(x) - log p_bg(x) (Ren et al. 2019)."
                    + " Default: RUN_DIR/background when train --background-of made one.")
    Path background;

    @Option(names = "--knn", paramLabel = "K", defaultValue = "5",
            description = "k of the latent k-NN distance to the run's training codes (also"
                    + " Mahalanobis); 0 leaves latent distances out (default: ${DEFAULT-VALUE}).")
    int knn;

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
        Bounds.check(spec.commandLine(), "--knn", knn, 0, LatentReference.MAX_K);
        double referenceSeconds = 0;
        int referenceCodes = 0;
        Map<String, Map<String, Double>> aucs;
        AnomalyScores.Kind rankedBy;
        if (background == null && Files.isDirectory(run.root().resolve(BackgroundOf.DIR)
                .resolve("model"))) {
            background = run.root().resolve(BackgroundOf.DIR);
        }
        try (SavedModel saved = run.load();
                SavedModel bg = background == null ? null : run.load(background)) {
            test = data.test(spec.commandLine(), run, saved, limit);
            ImageSet ood = oodData == null ? null
                    : data.other(spec.commandLine(), oodData, saved, limit);
            if (ood != null && normalClasses != null) {
                throw usage("--ood-data and --normal-classes are two checks: give one");
            }
            anomalous = normalClasses == null ? null : anomalies(test);
            LikelihoodScorer bgModel = bg == null ? null : backgroundModel(saved, bg);
            if (bgModel != null && !saved.model().can(LikelihoodScorer.class)) {
                throw usage("--background: " + run.run + " has no likelihood to compare");
            }
            long t0 = System.nanoTime();
            boolean latent = knn > 0 && saved.model().can(org.vae4j.model.Encoder.class);
            ImageSet training = latent ? data.training(spec.commandLine(), run, saved) : null;
            if (training != null && training.size() <= knn) {
                throw usage("--knn " + knn + " needs more than " + knn + " training images; "
                        + run.run + " has " + training.size());
            }
            ScoringPlan plan = new ScoringPlan(saved.model(), bgModel, training, knn,
                    new AnomalyScorer.Options(samples, k, 100, seed.seed));
            if (!plan.scoresAnything()) {
                Capabilities.require(spec.commandLine(), run.run, saved.model(),
                        LikelihoodScorer.class);
            }
            referenceSeconds = (System.nanoTime() - t0) / 1e9;
            referenceCodes = plan.referenceSize();
            for (int r = 0; r < repeat; r++) {
                t0 = System.nanoTime();
                scores = plan.score(test);
                if (ood != null) {
                    scores = AnomalyScores.concat(scores, plan.score(ood));
                }
                seconds = (System.nanoTime() - t0) / 1e9;
                rounds.add(Map.of("images_per_s", scores.size() / seconds,
                        "rss_mb", Memory.rssMegabytes()));
            }
            if (ood != null) {
                anomalous = new boolean[test.size() + ood.size()];
                java.util.Arrays.fill(anomalous, test.size(), anomalous.length, true);
                test = ScoreFiles.both(test, ood);
            }
            aucs = anomalous == null ? null : ScoreFiles.aucs(scores, anomalous);
            rankedBy = ScoreFiles.rankedBy(scores, aucs);
            Integer[] ranked = ScoreFiles.rank(scores, rankedBy);
            ScoreFiles.writeCsv(csv, test, scores, ranked);
            ScoreFiles.writePng(picture, test, saved.model().config(), ranked, rankedBy);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("images", test.size());
        summary.put("data", test.source());
        summary.put("samples", samples);
        summary.put("importance_samples", k);
        summary.put("images_per_s", scores.size() / seconds);
        if (scores.has(AnomalyScores.Kind.LATENT_KNN)) {
            summary.put("knn", knn);
            summary.put("reference_codes", referenceCodes);
            summary.put("reference_s", referenceSeconds);
        }
        if (background != null) {
            summary.put("background", background.toString());
        }
        summary.put("ranked_by", rankedBy.id());
        summary.put("rss_mb", Memory.rssMegabytes());
        if (repeat > 1) {
            summary.put("rounds", rounds);
        }
        if (scores.has(AnomalyScores.Kind.NEG_ELBO)) {
            summary.put("mean_neg_elbo", mean(scores.negElbo()));
            summary.put("mean_recon_log_prob", mean(scores.reconstructionLogProb()));
            summary.put("mean_log_likelihood", mean(scores.logLikelihood()));
        }
        ScoreAgreement.Pair worst = ScoreAgreement.leastAgreeing(scores);
        if (worst != null) {
            summary.put("least_agreeing", worst.toMap());
        }
        if (anomalous != null) {
            if (oodData != null) {
                summary.put("ood_data", oodData.toString());
            } else {
                summary.put("normal_classes", normalClasses);
            }
            summary.put("auc", aucs);
        }
        summary.put("csv", csv.toString());
        summary.put("png", picture.toString());
        print(summary);
        return CommandLine.ExitCode.OK;
    }

    /**
     * The background model of the likelihood ratio: a model of the same family and input shape
     * with a likelihood (trained with {@code --perturb}).
     */
    private LikelihoodScorer backgroundModel(SavedModel saved, SavedModel bg) {
        try {
            AnomalyScorer.checkBackground(saved.model().config(), bg.model().config());
        } catch (IllegalArgumentException e) {
            throw usage("--background " + background + ": " + e.getMessage());
        }
        return Capabilities.require(spec.commandLine(), background, bg.model(),
                LikelihoodScorer.class);
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

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> summary) {
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            o.println(Json.toJson(summary));
        } else {
            if (summary.containsKey("mean_neg_elbo")) {
                o.printf(Locale.ROOT, "scored %d images (L=%d, k=%d%s) at %.0f images/s: mean"
                                + " -ELBO %.2f, mean log p(x) %.2f nats%n",
                        (int) summary.get("images"), samples, k,
                        background == null ? "" : ", background " + background,
                        (double) summary.get("images_per_s"),
                        (double) summary.get("mean_neg_elbo"),
                        (double) summary.get("mean_log_likelihood"));
            } else {
                o.printf(Locale.ROOT, "scored %d images by latent distances at %.0f images/s"
                                + " (this family has no likelihood)%n",
                        (int) summary.get("images"), (double) summary.get("images_per_s"));
            }
            Object aucs = summary.get("auc");
            if (aucs != null) {
                printAucs(o, aucs, (String) summary.get("ranked_by"));
            }
            Map<String, Object> worst = (Map<String, Object>) summary.get("least_agreeing");
            // With labels the AUC table says which score to trust; without, only this can.
            if (aucs == null && worst != null
                    && (double) worst.get("spearman") < ScoreAgreement.DISAGREE) {
                o.printf(Locale.ROOT, "warning: %s disagree (Spearman rho %.2f): they rank these"
                                + " images in opposite orders, so one of them ranks backwards"
                                + " here; check with labels (--normal-classes or --ood-data)%n",
                        String.join(" and ", (List<String>) worst.get("scores")),
                        (double) worst.get("spearman"));
            }
            printRounds(o, summary);
            o.println("wrote " + summary.get("csv") + " and " + summary.get("png"));
        }
        o.flush();
    }

    /**
     * The AUC table, the best score (the one {@link ScoreFiles#rankedBy} ranked by), and a
     * warning for every score below chance.
     */
    private static void printAucs(PrintWriter o, Object aucs, String best) {
        o.printf("%-20s %8s %8s %9s%n", "score", "ROC-AUC", "PR-AUC", "FPR@95TPR");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> m = (Map<String, Map<String, Double>>) aucs;
        List<String> belowChance = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : m.entrySet()) {
            double roc = e.getValue().get("roc_auc");
            o.printf(Locale.ROOT, "%-20s %8.4f %8.4f %9.4f%n", e.getKey(), roc,
                    e.getValue().get("pr_auc"), e.getValue().get("fpr_at_95_tpr"));
            if (roc < 0.5) {
                belowChance.add(e.getKey());
            }
        }
        o.printf(Locale.ROOT, "best here: %s (ROC-AUC %.4f)%n", best, m.get(best).get("roc_auc"));
        if (!belowChance.isEmpty()) {
            // A ranking worse than chance must not be trusted, and the user cannot tell.
            o.println("warning: " + String.join(", ", belowChance) + " rank the anomalies below"
                    + " chance (ROC-AUC < 0.5) here: likelihoods favour simple images; do not"
                    + " use them for this data");
        }
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
