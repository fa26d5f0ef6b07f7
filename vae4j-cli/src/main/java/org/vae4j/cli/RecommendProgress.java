package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;

/** One line per epoch of a Mult-VAE/DAE run: the training loss and validation NDCG@100. */
final class RecommendProgress implements TrainingListener {

    private final PrintWriter out;
    private final String name;
    private int epochs;
    private double best = Double.NEGATIVE_INFINITY;

    RecommendProgress(PrintWriter out, String name) {
        this.out = out;
        this.name = name;
    }

    @Override
    public void onStart(int totalEpochs, int batchesPerEpoch,
            org.vae4j.train.TrainingProgress progress) {
        epochs = totalEpochs;
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        double ndcg = m.validation("ndcg_100");
        boolean better = ndcg > best;
        if (better) {
            best = ndcg;
        }
        out.println(String.format(Locale.ROOT, "%s epoch %d/%d  train %s %.3f  val NDCG@100"
                + " %.4f%s  (%.1f s)", name, m.epoch(), epochs, m.train().names().get(0),
                m.train().first(), ndcg, better ? " *" : "", m.seconds()));
        out.flush();
    }
}
