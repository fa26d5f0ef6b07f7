package org.vae4j.train;

import java.util.List;

/**
 * The best epoch of a run so far: the one with the lowest validation loss, where the loss is the
 * family's first validation metric (a VAE's {@code neg_elbo}, the negative ELBO on the
 * validation set with one posterior sample and a fixed seed; an autoencoder's {@code
 * reconstruction}). It decides which parameters {@code model/} keeps and when early stopping
 * ends a run.
 *
 * <p>Derived from the history alone, which every checkpoint carries: a resumed run finds the
 * same best epoch and the same count of epochs without improvement as an uninterrupted one, with
 * nothing else to save. An epoch improves only if its loss is finite and strictly below every
 * earlier one, so a spike that stays finite never becomes the best, and on a tie the earlier
 * epoch stays.
 *
 * @param metric the validation metric compared, e.g. {@code neg_elbo}; null without history
 * @param epoch the best epoch (1-based), 0 when no epoch has a finite validation loss (no
 *     validation set, or every value NaN)
 * @param value its validation loss, NaN when {@code epoch} is 0
 * @param lastEpoch the last completed epoch, 0 without history
 */
public record BestEpoch(String metric, int epoch, double value, int lastEpoch) {

    /**
     * Finds the best epoch of a history.
     *
     * @param history completed epochs in order
     * @return the best epoch so far
     */
    public static BestEpoch of(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            return new BestEpoch(null, 0, Double.NaN, 0);
        }
        String metric = history.get(0).validation().names().get(0);
        int best = 0;
        double value = Double.NaN;
        for (EpochMetrics m : history) {
            double v = m.validation(metric);
            if (Double.isFinite(v) && (best == 0 || v < value)) {
                best = m.epoch();
                value = v;
            }
        }
        return new BestEpoch(metric, best, value, history.get(history.size() - 1).epoch());
    }

    /**
     * Whether some epoch has a finite validation loss.
     *
     * @return false without validation data
     */
    public boolean exists() {
        return epoch > 0;
    }

    /**
     * Whether the last completed epoch is the best (or, without any validation loss, whether
     * there is nothing better than the last): the epochs whose parameters {@code model/} keeps.
     *
     * @return true if the last epoch's parameters are the ones to keep
     */
    public boolean lastIsBest() {
        return epoch == lastEpoch || !exists();
    }

    /**
     * Epochs completed since the best one: early stopping's counter.
     *
     * @return {@code lastEpoch - epoch} (every epoch when none had a finite validation loss)
     */
    public int epochsWithoutImprovement() {
        return lastEpoch - epoch;
    }
}
