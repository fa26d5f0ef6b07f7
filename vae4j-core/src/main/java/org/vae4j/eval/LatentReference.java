package org.vae4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Encoder;
import org.vae4j.util.SymmetricEigen;

/**
 * The training set's codes as a reference for scores that need no likelihood: how far an image's
 * code lies from the codes the model saw in training. Works for every family with an encoder (the
 * VAE's latent means, the autoencoder's codes, the VQ-VAE's quantised grids).
 *
 * <ul>
 *   <li><b>k-NN distance</b>: {@code d_k(z) = ||z - r_(k)||}, the Euclidean distance to the k-th
 *       nearest reference code {@code r_(k)} (k = 1 is the nearest). With leave-one-out (the
 *       queries <em>are</em> the references, row for row) row i never counts itself.
 *   <li><b>Mahalanobis distance</b> to the references' Gaussian fit: {@code sqrt((z - m)^T
 *       S^-1 (z - m))}, {@code m} the mean and {@code S} the unbiased covariance of the codes.
 *       {@code S^-1} comes from its eigendecomposition with every eigenvalue floored at {@code
 *       1e-6 · max eigenvalue}, so collapsed (inactive) latent units do not divide by zero.
 * </ul>
 * Distances are computed with {@code ||q||^2 + ||r||^2 - 2 q·r} on the engine, in chunks of
 * queries ({@code [Q, D] x [D, N]} at most {@link #MAX_VALUES} values at a time), and the k
 * smallest per row are selected in Java.
 */
public final class LatentReference {

    /** Largest k. */
    public static final int MAX_K = 1_000;
    /** Largest code width for the Mahalanobis fit (a dense D×D eigendecomposition). */
    public static final int MAX_MAHALANOBIS_DIM = 512;
    /** Largest number of distance values computed at once (64 MB of floats). */
    static final long MAX_VALUES = 16L << 20;

    private final float[][] codes;
    private final int k;
    private final double[] mean;
    private final double[][] precision; // null when the codes are too wide

    private LatentReference(float[][] codes, int k, double[] mean, double[][] precision) {
        this.codes = codes;
        this.k = k;
        this.mean = mean;
        this.precision = precision;
    }

    /**
     * Fits the reference.
     *
     * @param codes {@code [N][D]} training codes, N &gt; k (at least 2), all of width D
     * @param k which neighbour's distance, 1..{@link #MAX_K}
     * @return the reference (it keeps {@code codes}; do not change them)
     */
    public static LatentReference fit(float[][] codes, int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
        }
        if (codes.length <= k || codes.length < 2) {
            throw new IllegalArgumentException("need more than k = " + k
                    + " reference codes (and at least 2), got " + codes.length);
        }
        int d = codes[0].length;
        for (float[] c : codes) {
            if (c.length != d) {
                throw new IllegalArgumentException("codes differ in width: " + c.length
                        + " and " + d);
            }
        }
        double[] mean = new double[d];
        for (float[] c : codes) {
            for (int j = 0; j < d; j++) {
                mean[j] += c[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= codes.length;
        }
        double[][] precision = d <= MAX_MAHALANOBIS_DIM ? precision(codes, mean) : null;
        return new LatentReference(codes, k, mean, precision);
    }

    /** {@code S^-1 = V diag(1 / max(λ, floor)) V^T} of the unbiased covariance. */
    private static double[][] precision(float[][] codes, double[] mean) {
        int d = mean.length;
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] row : codes) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += c[a] * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= codes.length - 1;
                cov[b][a] = cov[a][b];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(cov);
        double floor = 1e-6 * Math.max(eig.value(0), Double.MIN_NORMAL);
        double[][] p = new double[d][d];
        for (int e = 0; e < d; e++) {
            double inv = 1 / Math.max(eig.value(e), floor);
            double[] v = eig.vector(e);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    p[a][b] += inv * v[a] * v[b];
                }
            }
        }
        return p;
    }

    /**
     * The codes of a set of images ({@link Encoder#embed}: latent means, an autoencoder's codes,
     * a VQ-VAE's quantised grids flattened), encoded a thousand at a time.
     *
     * @param model the encoder
     * @param data images of the model's shape (with labels for a conditional model)
     * @return {@code [N][D]}, indexed like {@code data}
     */
    public static float[][] codes(Encoder model, ImageSet data) {
        model.checkShape(data);
        int n = data.size();
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += 1000) {
            int[] idx = new int[Math.min(1000, n - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            float[][] c = model.embed(data.toRows(idx), model.labelsFor(data, idx));
            System.arraycopy(c, 0, out, from, idx.length);
        }
        return out;
    }

    /**
     * Returns k.
     *
     * @return which neighbour's distance {@link #knnDistance} gives
     */
    public int k() {
        return k;
    }

    /**
     * Returns whether {@link #mahalanobis} is available (codes at most
     * {@link #MAX_MAHALANOBIS_DIM} wide).
     *
     * @return true if it is
     */
    public boolean hasMahalanobis() {
        return precision != null;
    }

    /**
     * Distance of each query to its k-th nearest reference code.
     *
     * @param manager where the chunks' temporaries live (closed chunk by chunk)
     * @param queries {@code [Q][D]}
     * @param leaveOneOut true when {@code queries} are the reference codes themselves (row i
     *     never counts reference i)
     * @return {@code [Q]} distances
     */
    public double[] knnDistance(NDManager manager, float[][] queries, boolean leaveOneOut) {
        return knnDistance(manager, queries, leaveOneOut, MAX_VALUES);
    }

    /** {@link #knnDistance} with the chunk bound as a parameter (for the tests). */
    double[] knnDistance(NDManager manager, float[][] queries, boolean leaveOneOut,
            long maxValues) {
        int n = codes.length;
        int d = codes[0].length;
        if (leaveOneOut && queries.length != n) {
            throw new IllegalArgumentException("leave-one-out needs the " + n
                    + " reference codes as queries, got " + queries.length);
        }
        checkWidth(queries);
        double[] out = new double[queries.length];
        int chunk = (int) Math.max(1, Math.min(queries.length, maxValues / n));
        try (NDManager m = manager.newSubManager()) {
            NDArray ref = m.create(flatten(codes, 0, n), new Shape(n, d));
            float[] refNorm = ref.square().sum(new int[] {1}).toFloatArray();
            NDArray refT = ref.transpose();
            for (int from = 0; from < queries.length; from += chunk) {
                int q = Math.min(chunk, queries.length - from);
                try (NDManager cm = m.newSubManager()) {
                    NDArray qa = cm.create(flatten(queries, from, q), new Shape(q, d));
                    float[] dot = qa.matMul(refT).toFloatArray();
                    float[] qNorm = qa.square().sum(new int[] {1}).toFloatArray();
                    for (int i = 0; i < q; i++) {
                        int self = leaveOneOut ? from + i : -1;
                        out[from + i] = Math.sqrt(Math.max(0, kthSmallest(dot, i * n, n,
                                qNorm[i], refNorm, self)));
                    }
                }
            }
        }
        return out;
    }

    /** The k-th smallest {@code |q|^2 + |r_j|^2 - 2 q·r_j} over j != self. */
    private double kthSmallest(float[] dot, int offset, int n, float qNorm, float[] refNorm,
            int self) {
        double[] best = new double[k]; // ascending; best[k-1] is the current k-th smallest
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            if (j == self) {
                continue;
            }
            double v = (double) qNorm + refNorm[j] - 2.0 * dot[offset + j];
            if (v < best[k - 1]) {
                int p = k - 1;
                while (p > 0 && best[p - 1] > v) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = v;
            }
        }
        return best[k - 1];
    }

    /**
     * Mahalanobis distance of each query to the references' Gaussian fit.
     *
     * @param queries {@code [Q][D]}
     * @return {@code [Q]} distances
     * @throws IllegalStateException if the codes are wider than {@link #MAX_MAHALANOBIS_DIM}
     */
    public double[] mahalanobis(float[][] queries) {
        if (precision == null) {
            throw new IllegalStateException("codes of width " + mean.length + " are wider than "
                    + MAX_MAHALANOBIS_DIM + ": no Mahalanobis fit");
        }
        checkWidth(queries);
        int d = mean.length;
        double[] out = new double[queries.length];
        double[] c = new double[d];
        for (int i = 0; i < queries.length; i++) {
            for (int j = 0; j < d; j++) {
                c[j] = queries[i][j] - mean[j];
            }
            double s = 0;
            for (int a = 0; a < d; a++) {
                double row = 0;
                for (int b = 0; b < d; b++) {
                    row += precision[a][b] * c[b];
                }
                s += c[a] * row;
            }
            out[i] = Math.sqrt(Math.max(0, s));
        }
        return out;
    }

    private void checkWidth(float[][] queries) {
        for (int i = 0; i < queries.length; i++) {
            if (queries[i].length != mean.length) {
                throw new IllegalArgumentException("query " + i + " has width "
                        + queries[i].length + ", the reference codes " + mean.length);
            }
        }
    }

    private static float[] flatten(float[][] rows, int from, int count) {
        int d = rows[from].length;
        float[] flat = new float[count * d];
        for (int i = 0; i < count; i++) {
            if (rows[from + i].length != d) {
                throw new IllegalArgumentException("code " + (from + i) + " has width "
                        + rows[from + i].length + ", expected " + d);
            }
            System.arraycopy(rows[from + i], 0, flat, i * d, d);
        }
        return flat;
    }
}
