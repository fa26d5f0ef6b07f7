package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.vae4j.data.Interactions;
import org.vae4j.data.SparseRows;
import org.vae4j.family.multvae.MultVaeTraining;
import org.vae4j.recommend.Ease;
import org.vae4j.recommend.ItemKnn;
import org.vae4j.recommend.Popularity;
import org.vae4j.recommend.RankingEvaluation;
import org.vae4j.recommend.RankingReport;
import org.vae4j.recommend.Recommender;
import org.vae4j.recommend.StrongSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j recommend compare}: the paper's protocol for several models on one split, one
 * table of test Recall@20, Recall@50 and NDCG@100 (mean ± standard error). Hyperparameters given
 * as lists (EASE's λ, kNN's k) are chosen by validation NDCG@100; Mult-VAE/DAE keep their best
 * epoch by validation NDCG@100.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train and measure popularity, item-kNN, EASE, Mult-DAE and Mult-VAE on"
                + " one strong-generalization split.")
public final class RecommendCompareCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin RecommendData data;
    @Mixin RecommendTraining training;

    @Option(names = "--models", paramLabel = "M", split = ",",
            defaultValue = "popularity,knn,ease,multdae,multvae",
            description = "Models, any of popularity, knn, ease, multdae, multvae (default:"
                    + " all).")
    List<String> models;

    @Option(names = "--ease-lambda", paramLabel = "L", split = ",",
            defaultValue = "50,100,200,500,1000",
            description = "EASE's lambda, chosen by validation NDCG@100 (default:"
                    + " 50,100,200,500,1000).")
    List<Double> easeLambda;

    @Option(names = "--knn-k", paramLabel = "K", split = ",", defaultValue = "50,100,200",
            description = "item-kNN's neighbours, chosen by validation NDCG@100 (default:"
                    + " 50,100,200).")
    List<Integer> knnK;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        common.startEngine(cl);
        training.check(cl);
        for (String m : models) {
            if (!List.of("popularity", "knn", "ease", "multdae", "multvae").contains(m)) {
                throw new CommandLine.ParameterException(cl, "--models: unknown model '" + m
                        + "' (popularity, knn, ease, multdae, multvae)");
            }
        }
        for (int k : knnK) {
            Bounds.check(cl, "--knn-k", k, 1, 100_000);
        }
        PrintWriter out = cl.getOut();
        Interactions in = data.read(cl);
        StrongSplit split = data.split(cl, in.matrix());
        SparseRows train = split.train();
        out.println(String.format(Locale.ROOT, "data: %s; train %d users, validation %d, test"
                + " %d; %d items", in.matrix(), train.size(), split.validation().size(),
                split.test().size(), train.cols()));
        List<RankingReport> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String m : models) {
            long t0 = System.nanoTime();
            switch (m) {
                case "popularity" -> rows.add(RankingEvaluation.evaluate(new Popularity(train),
                        split.test()));
                case "knn" -> rows.add(best(knnK, k -> new ItemKnn(train, k), split, notes));
                case "ease" -> rows.add(best(easeLambda, l -> new Ease(train, l), split, notes));
                default -> {
                    boolean vae = m.equals("multvae");
                    MultVaeTraining.Fitted f = training.fit(train, split.validation(), vae,
                            new RecommendProgress(out, m));
                    try (var model = f.model()) {
                        rows.add(RankingEvaluation.evaluate(model, split.test()));
                        notes.add(String.format(Locale.ROOT, "%s: %s; best epoch %d of %d"
                                + " (validation NDCG@100 %.4f)", model.name(),
                                model.config().summary(), f.bestEpoch(),
                                f.result().history().size(), f.bestNdcg()));
                    }
                }
            }
            out.println(String.format(Locale.ROOT, "%s done in %.1f s", m,
                    (System.nanoTime() - t0) / 1e9));
            out.flush();
        }
        out.println();
        out.println(String.format(Locale.ROOT, "%-28s %-17s %-17s %-17s", "model (test users: "
                + rows.get(0).users() + ")", "Recall@20", "Recall@50", "NDCG@100"));
        for (RankingReport r : rows) {
            out.println(String.format(Locale.ROOT, "%-28s %-17s %-17s %-17s", r.model(),
                    r.recall20(), r.recall50(), r.ndcg100()));
        }
        for (String n : notes) {
            out.println(n);
        }
        return 0;
    }

    /** Fits each setting, keeps the one with the best validation NDCG@100, reports on test. */
    private static <T> RankingReport best(List<T> settings, Function<T, Recommender> fit,
            StrongSplit split, List<String> notes) {
        Recommender best = null;
        double bestV = Double.NEGATIVE_INFINITY;
        StringBuilder tried = new StringBuilder();
        for (T s : settings) {
            Recommender r = fit.apply(s);
            double v = RankingEvaluation.evaluate(r, split.validation()).ndcg100().mean();
            tried.append(String.format(Locale.ROOT, " %s %.4f", s, v));
            if (v > bestV) {
                bestV = v;
                best = r;
            }
        }
        notes.add(best.name() + " chosen by validation NDCG@100 of" + tried);
        return RankingEvaluation.evaluate(best, split.test());
    }
}
