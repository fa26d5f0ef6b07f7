package org.vae4j.data;

import java.util.SplittableRandom;

/**
 * Synthetic implicit feedback with known structure, for tests and demonstrations: users and items
 * get latent factors {@code p_u, q_i ~ N(0, I_d)}; item {@code i} (in a random order of ranks
 * {@code r_i = 1..I}) has a power-law popularity {@code log w_i = −a · log r_i}; user {@code u}
 * holds {@code n_u} distinct items (uniform in [minItems, maxItems]) drawn without replacement
 * with probability proportional to {@code exp(s · p_u·q_i / sqrt(d) + log w_i)}. With a large
 * taste strength {@code s} the factors decide; with {@code s = 0} only popularity does.
 *
 * @param users the number of users, in [1, 1,000,000]
 * @param items the number of items, in [2, 100,000]
 * @param factors d, in [1, 256]
 * @param minItems the fewest items a user holds, &gt;= 1
 * @param maxItems the most, in [minItems, items]
 * @param popularityExponent a &gt;= 0
 * @param tasteStrength s &gt;= 0
 */
public record SyntheticFeedback(int users, int items, int factors, int minItems, int maxItems,
        double popularityExponent, double tasteStrength) {

    /** Checks every value; messages name the bad one. */
    public SyntheticFeedback {
        if (users < 1 || users > 1_000_000) {
            throw new IllegalArgumentException("users must be in [1, 1000000], got " + users);
        }
        if (items < 2 || items > 100_000) {
            throw new IllegalArgumentException("items must be in [2, 100000], got " + items);
        }
        if (factors < 1 || factors > 256) {
            throw new IllegalArgumentException("factors must be in [1, 256], got " + factors);
        }
        if (minItems < 1 || maxItems < minItems || maxItems > items) {
            throw new IllegalArgumentException("need 1 <= minItems <= maxItems <= items, got "
                    + minItems + ", " + maxItems + ", " + items);
        }
        if (!(popularityExponent >= 0) || !(tasteStrength >= 0)
                || Double.isInfinite(popularityExponent) || Double.isInfinite(tasteStrength)) {
            throw new IllegalArgumentException("popularityExponent and tasteStrength must be"
                    + " finite and >= 0, got " + popularityExponent + ", " + tasteStrength);
        }
    }

    /**
     * Draws the matrix.
     *
     * @param seed seeds everything
     * @return {@code users × items}, values 1
     */
    public SparseRows generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] q = gaussian(r, items);
        int[] rank = Shuffler.permutation(items, r);
        double[] logW = new double[items];
        for (int i = 0; i < items; i++) {
            logW[i] = -popularityExponent * Math.log(rank[i] + 1);
        }
        double scale = tasteStrength / Math.sqrt(factors);
        int[][] rows = new int[users][];
        double[] logits = new double[items];
        double[] keys = new double[items];
        for (int u = 0; u < users; u++) {
            double[] p = gaussian(r, 1)[0];
            for (int i = 0; i < items; i++) {
                double dot = 0;
                for (int k = 0; k < factors; k++) {
                    dot += p[k] * q[i][k];
                }
                logits[i] = scale * dot + logW[i];
                // Gumbel-top-k: the n largest of logit + Gumbel noise are a draw without
                // replacement with probabilities proportional to exp(logit).
                keys[i] = logits[i] - Math.log(-Math.log(1 - r.nextDouble()));
            }
            int n = minItems + r.nextInt(maxItems - minItems + 1);
            rows[u] = largest(keys, n);
        }
        return SparseRows.ofItems(items, rows, "synthetic (" + users + " users, " + items
                + " items, d " + factors + ", seed " + seed + ")");
    }

    private double[][] gaussian(SplittableRandom r, int n) {
        double[][] g = new double[n][factors];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < factors; k++) {
                // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
                double a = 1 - r.nextDouble();
                g[i][k] = Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * r.nextDouble());
            }
        }
        return g;
    }

    private static int[] largest(double[] keys, int n) {
        Integer[] idx = new Integer[keys.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(keys[b], keys[a]));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
