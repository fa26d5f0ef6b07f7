package org.vae4j.eval;

import org.vae4j.data.ImageSet;
import org.vae4j.model.Encoding;
import org.vae4j.model.LikelihoodScorer;

/**
 * How a VAE uses its latent dimensions on a data set.
 *
 * <p>Unit {@code i} is <em>active</em> when {@code Cov_x(E_q[z_i | x]) > 0.01} (Burda et al. 2016,
 * section 5.1): its posterior mean changes with the input. An inactive unit's posterior equals the
 * prior for every image (posterior collapse of that unit); its KL term is near 0. The per-unit KL
 * is {@code 1/2 E_x[mu_i^2 + exp(logvar_i) - 1 - logvar_i]}, the KL of unit i's posterior from
 * {@code N(0, 1)}; under the standard normal prior the units' KLs sum to the KL term of the ELBO.
 *
 * <p>Under a VampPrior ({@link LikelihoodScorer#standardNormalPrior()} false) activity keeps its
 * meaning (it looks at the posterior means only), but the prior does not factorise over units, so
 * no per-unit split of its KL term exists: the per-unit values are still measured against {@code
 * N(0, 1)} (how far each unit's posterior sits from a standard normal) and do not sum to the
 * model's KL term.
 *
 * @param meanVariance {@code Var_x(mu_i)} per unit
 * @param klPerUnit mean KL per unit, in nats
 * @param activeUnits number of units with {@code meanVariance > threshold}
 * @param threshold the activity threshold (0.01)
 * @param images images the statistics were computed on
 */
public record LatentStatistics(
        double[] meanVariance, double[] klPerUnit, int activeUnits, double threshold, int images) {

    /** Burda et al.'s activity threshold on {@code Cov_x(E_q[z_i])}. */
    public static final double ACTIVE_THRESHOLD = 0.01;

    /**
     * Encodes the data and computes the statistics (posterior means and log-variances only; no
     * sampling, so the result is deterministic).
     *
     * @param model the model
     * @param data images of the model's shape
     * @return the statistics
     */
    public static LatentStatistics of(LikelihoodScorer model, ImageSet data) {
        model.checkShape(data);
        int l = model.config().latentDim();
        double[] sum = new double[l];
        double[] sumSq = new double[l];
        double[] kl = new double[l];
        int n = data.size();
        int batch = 1000;
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            int[] idx = new int[count];
            for (int i = 0; i < count; i++) {
                idx[i] = from + i;
            }
            Encoding e = model.encode(data.toRows(idx), model.labelsFor(data, idx));
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < l; j++) {
                    double mu = e.mu()[i][j];
                    double lv = e.logvar()[i][j];
                    sum[j] += mu;
                    sumSq[j] += mu * mu;
                    kl[j] += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
                }
            }
        }
        double[] variance = new double[l];
        int active = 0;
        for (int j = 0; j < l; j++) {
            double mean = sum[j] / n;
            variance[j] = Math.max(0, sumSq[j] / n - mean * mean);
            kl[j] /= n;
            if (variance[j] > ACTIVE_THRESHOLD) {
                active++;
            }
        }
        return new LatentStatistics(variance, kl, active, ACTIVE_THRESHOLD, n);
    }

    /**
     * Returns the sum of the per-unit KLs: the ELBO's mean KL term under the standard normal
     * prior.
     *
     * @return nats per image
     */
    public double totalKl() {
        double s = 0;
        for (double k : klPerUnit) {
            s += k;
        }
        return s;
    }

    /**
     * Whether the posterior has collapsed: no unit carries information about the input.
     *
     * @return true if no unit is active
     */
    public boolean collapsed() {
        return activeUnits == 0;
    }
}
