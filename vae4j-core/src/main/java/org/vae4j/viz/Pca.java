package org.vae4j.viz;

import org.vae4j.util.SymmetricEigen;

/**
 * Principal component analysis of a set of vectors (latent means, typically), fitted by an
 * eigen-decomposition of the sample covariance {@code C = Σ_i (x_i - m)(x_i - m)ᵀ / (N - 1)}.
 * The components are the unit eigenvectors of the {@code k} largest eigenvalues; a vector
 * projects to {@code y_c = (x - m)·u_c}.
 *
 * <p>An eigenvector's sign is arbitrary; each component is flipped so that its largest-magnitude
 * entry (the first one, on ties) is positive, which makes plots reproducible.
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /**
     * Fits the first {@code k} principal components.
     *
     * @param x {@code [N][D]} vectors, N &gt;= 2
     * @param k number of components, in {@code [1, D]}
     * @return the fitted PCA
     */
    public static Pca fit(float[][] x, int k) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 vectors, got " + n);
        }
        int d = x[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("k must be in [1, " + d + "], got " + k);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(
                        "vector " + i + " has " + x[i].length + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        if (d > DIRECT_MAX_DIM) {
            return fitLarge(x, k, mean);
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += centred[a] * centred[b];
                }
            }
        }
        double total = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
            total += cov[a][a];
        }
        SymmetricEigen eig = SymmetricEigen.of(cov);
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int c = 0; c < k; c++) {
            comps[c] = canonicalSign(eig.vector(c));
            // Round-off can leave a tiny negative value where the variance is 0.
            vars[c] = Math.max(0, eig.value(c));
        }
        return new Pca(mean, comps, vars, total);
    }

    /**
     * Beyond this many dimensions the covariance is not formed (a VQ-VAE's 3136-value code map
     * would need a 3136² Jacobi decomposition: minutes); the components come from subspace
     * iteration instead.
     */
    static final int DIRECT_MAX_DIM = 256;

    private static final int MAX_ITERATIONS = 500;

    /**
     * The top components by subspace iteration on {@code C = X_cᵀ X_c / (N - 1)} without forming
     * it: a block of {@code k + 4} vectors (seeded, so the result is reproducible) multiplied by
     * C and orthonormalised until it stops turning, then a Rayleigh-Ritz step (the small
     * projected matrix decomposed by {@link SymmetricEigen}) orders and rotates it.
     */
    private static Pca fitLarge(float[][] x, int k, double[] mean) {
        int n = x.length;
        int d = mean.length;
        int p = Math.min(d, k + 4);
        double total = 0;
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                total += c * c;
            }
        }
        total /= n - 1;
        java.util.Random rng = new java.util.Random(0);
        double[][] v = new double[p][d];
        for (double[] col : v) {
            for (int j = 0; j < d; j++) {
                col[j] = rng.nextGaussian();
            }
        }
        orthonormalise(v);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] w = covTimes(x, mean, v);
            orthonormalise(w);
            double change = 0;
            for (int c = 0; c < p; c++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += w[c][j] * v[c][j];
                }
                change = Math.max(change, 1 - Math.abs(dot));
            }
            v = w;
            if (change < 1e-12) {
                break;
            }
        }
        double[][] cv = covTimes(x, mean, v);
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += v[a][j] * cv[b][j];
                }
                h[a][b] = s;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                h[a][b] = h[b][a] = (h[a][b] + h[b][a]) / 2;
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(h);
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int c = 0; c < k; c++) {
            double[] y = eig.vector(c);
            double[] u = new double[d];
            for (int a = 0; a < p; a++) {
                for (int j = 0; j < d; j++) {
                    u[j] += y[a] * v[a][j];
                }
            }
            comps[c] = canonicalSign(u);
            vars[c] = Math.max(0, eig.value(c));
        }
        return new Pca(mean, comps, vars, total);
    }

    /** {@code C v_c} for every vector of the block, as {@code X_cᵀ (X_c v_c) / (N - 1)}. */
    private static double[][] covTimes(float[][] x, double[] mean, double[][] v) {
        int d = mean.length;
        double[][] out = new double[v.length][d];
        double[] centred = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int c = 0; c < v.length; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += centred[j] * v[c][j];
                }
                for (int j = 0; j < d; j++) {
                    out[c][j] += s * centred[j];
                }
            }
        }
        for (double[] col : out) {
            for (int j = 0; j < d; j++) {
                col[j] /= x.length - 1;
            }
        }
        return out;
    }

    /** Modified Gram-Schmidt; a vector that vanishes is replaced by a unit axis. */
    private static void orthonormalise(double[][] v) {
        for (int c = 0; c < v.length; c++) {
            for (int b = 0; b < c; b++) {
                double dot = 0;
                for (int j = 0; j < v[c].length; j++) {
                    dot += v[c][j] * v[b][j];
                }
                for (int j = 0; j < v[c].length; j++) {
                    v[c][j] -= dot * v[b][j];
                }
            }
            double norm = 0;
            for (double a : v[c]) {
                norm += a * a;
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-300) {
                java.util.Arrays.fill(v[c], 0);
                v[c][c % v[c].length] = 1;
                continue;
            }
            for (int j = 0; j < v[c].length; j++) {
                v[c][j] /= norm;
            }
        }
    }

    private static double[] canonicalSign(double[] u) {
        int big = 0;
        for (int j = 1; j < u.length; j++) {
            if (Math.abs(u[j]) > Math.abs(u[big])) {
                big = j;
            }
        }
        if (u[big] < 0) {
            for (int j = 0; j < u.length; j++) {
                u[j] = -u[j];
            }
        }
        return u;
    }

    /**
     * Projects one vector onto the components.
     *
     * @param v a vector of length D
     * @return {@code [k]} coordinates {@code (v - m)·u_c}
     */
    public double[] project(float[] v) {
        if (v.length != mean.length) {
            throw new IllegalArgumentException(
                    "vector has " + v.length + " values, the PCA was fitted on " + mean.length);
        }
        double[] y = new double[components.length];
        for (int c = 0; c < y.length; c++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += (v[j] - mean[j]) * components[c][j];
            }
            y[c] = s;
        }
        return y;
    }

    /**
     * Projects many vectors.
     *
     * @param x {@code [N][D]}
     * @return {@code [N][k]}
     */
    public double[][] project(float[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = project(x[i]);
        }
        return y;
    }

    /**
     * Returns the number of components.
     *
     * @return k
     */
    public int components() {
        return components.length;
    }

    /**
     * Returns a component.
     *
     * @param c index in {@code [0, k)}
     * @return a copy of the unit vector {@code u_c}, length D
     */
    public double[] component(int c) {
        return components[c].clone();
    }

    /**
     * Returns the mean the data were centred on.
     *
     * @return a copy of {@code m}, length D
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns the variance along a component: its eigenvalue of the covariance.
     *
     * @param c index in {@code [0, k)}
     * @return {@code λ_c >= 0}
     */
    public double variance(int c) {
        return variances[c];
    }

    /**
     * Returns the share of the total variance (the covariance's trace) along a component.
     *
     * @param c index in {@code [0, k)}
     * @return {@code λ_c / tr(C)} in [0, 1]; 0 if all vectors are equal
     */
    public double explainedVarianceRatio(int c) {
        return totalVariance > 0 ? variances[c] / totalVariance : 0;
    }
}
