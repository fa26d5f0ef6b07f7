package org.vae4j.family.vqvae;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.Metrics;

/**
 * The VQ-VAE's metrics, from sums over an epoch (or a whole evaluation set):
 *
 * <ul>
 *   <li>{@code loss}: the training loss per image (see {@link VqVaeConfig});
 *   <li>{@code mse}: {@code mean((x - x̂)²)} per pixel;
 *   <li>{@code normalized_mse}: {@code mse / Var(x)}, the pixel variance of the same images (the
 *       reference recipe's "reconstruction error");
 *   <li>{@code commitment}: {@code mean((z_e - z_q)²)} per latent value, without β;
 *   <li>{@code codebook_usage}: the fraction of the K codes chosen at least once;
 *   <li>{@code perplexity}: {@code exp(-Σ_k p_k ln p_k)} of the code frequencies {@code p}.
 * </ul>
 *
 * Usage and perplexity are over all the images the sums cover, never per batch: a batch's
 * perplexity is bounded by its {@code B·h·w} vectors and so depends on the batch size.
 */
public final class VqMetrics {

    /** The sums a step returns before the K code counts. */
    static final List<String> SUMS = List.of("loss", "squared_error", "commitment", "pixel_sum",
            "pixel_square_sum");

    /** The metric names, in order; the first is the loss. */
    public static final List<String> NAMES = List.of("loss", "mse", "normalized_mse",
            "commitment", "codebook_usage", "perplexity");

    private VqMetrics() {}

    /**
     * Names of all sums: {@link #SUMS}, then {@code count_0 .. count_{K-1}}.
     *
     * @param codebookSize K
     * @return the names
     */
    static List<String> sumNames(int codebookSize) {
        List<String> names = new ArrayList<>(SUMS);
        for (int k = 0; k < codebookSize; k++) {
            names.add("count_" + k);
        }
        return names;
    }

    /**
     * The metrics from sums.
     *
     * @param sums {@link #SUMS} then K code counts
     * @param rows images the sums cover, &gt; 0
     * @param c the configuration (sizes)
     * @return the metrics named {@link #NAMES}
     */
    static Metrics of(double[] sums, long rows, VqVaeConfig c) {
        double pixels = (double) rows * c.inputSize();
        double mse = sums[1] / pixels;
        double mean = sums[3] / pixels;
        double variance = sums[4] / pixels - mean * mean;
        double[] counts = new double[c.codebookSize()];
        System.arraycopy(sums, SUMS.size(), counts, 0, counts.length);
        return Metrics.of(NAMES, sums[0] / rows, mse, variance > 0 ? mse / variance : Double.NaN,
                sums[2] / ((double) rows * c.latentDim()), usage(counts), perplexity(counts));
    }

    /**
     * The fraction of codes used.
     *
     * @param counts how often each code was chosen
     * @return {@code #{k : counts_k > 0} / K}
     */
    static double usage(double[] counts) {
        int used = 0;
        for (double n : counts) {
            used += n > 0 ? 1 : 0;
        }
        return (double) used / counts.length;
    }

    /**
     * The perplexity of the code frequencies: K when all codes are equally frequent, 1 when one
     * code takes everything.
     *
     * @param counts how often each code was chosen
     * @return {@code exp(-Σ p_k ln p_k)}, {@code p = counts / Σ counts}; NaN without counts
     */
    static double perplexity(double[] counts) {
        double total = 0;
        for (double n : counts) {
            total += n;
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double h = 0;
        for (double n : counts) {
            if (n > 0) {
                double p = n / total;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }
}
