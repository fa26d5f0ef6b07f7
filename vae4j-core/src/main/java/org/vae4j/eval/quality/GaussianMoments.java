package org.vae4j.eval.quality;

/**
 * The mean and covariance of a set of feature vectors, in doubles: the Gaussian that the Fréchet
 * distance compares.
 *
 * <p>{@code μ = Σ_i x_i / N}, {@code Σ = Σ_i (x_i − μ)(x_i − μ)ᵀ / (N − 1)} (the unbiased
 * estimate, as {@code numpy.cov} and the reference FID code use).
 *
 * @param mean μ, length D (copied)
 * @param covariance Σ, D×D and symmetric (copied)
 * @param count N, the vectors the moments were computed from (0 when given directly)
 */
public record GaussianMoments(double[] mean, double[][] covariance, int count) {

    /** Checks the shapes and symmetry, and copies the arrays. */
    public GaussianMoments {
        if (mean == null || covariance == null) {
            throw new IllegalArgumentException("moments need a mean and a covariance");
        }
        int d = mean.length;
        if (d == 0) {
            throw new IllegalArgumentException("moments need at least one dimension, got 0");
        }
        if (covariance.length != d) {
            throw new IllegalArgumentException("covariance has " + covariance.length
                    + " rows but the mean has " + d + " values");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        mean = mean.clone();
        double[][] c = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has "
                        + covariance[i].length + " values, expected " + d);
            }
            c[i] = covariance[i].clone();
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double tol = 1e-9 * (Math.abs(c[i][j]) + Math.abs(c[j][i])) + 1e-300;
                if (!(Math.abs(c[i][j] - c[j][i]) <= tol)) {
                    throw new IllegalArgumentException("covariance is not symmetric: ["
                            + i + "][" + j + "] = " + c[i][j] + " but [" + j + "][" + i + "] = "
                            + c[j][i]);
                }
            }
        }
        covariance = c;
    }

    /**
     * Moments given directly, e.g. for a hand-computed case.
     *
     * @param mean μ
     * @param covariance Σ, symmetric
     * @return the moments, with count 0
     */
    public static GaussianMoments of(double[] mean, double[][] covariance) {
        return new GaussianMoments(mean, covariance, 0);
    }

    /**
     * The sample mean and unbiased sample covariance of feature vectors.
     *
     * @param x {@code [N][D]}, N &ge; 2, every row of length D
     * @return the moments
     * @throws IllegalArgumentException if there are fewer than 2 rows, rows differ in length or
     *     a value is not finite
     */
    public static GaussianMoments of(float[][] x) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + n);
        }
        int d = x[0].length;
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("vector " + i + " has " + x[i].length
                        + " values, vector 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("vector " + i + " has a non-finite value "
                            + x[i][j] + " at " + j);
                }
                mu[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        // Centred first: the one-pass formula Σx xᵀ/N − μμᵀ loses digits when |μ| >> σ.
        double[][] c = new double[d][d];
        double[] v = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[j] = x[i][j] - mu[j];
            }
            for (int a = 0; a < d; a++) {
                double va = v[a];
                if (va == 0) {
                    continue; // ReLU features are often exactly at their mean of 0
                }
                double[] row = c[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += va * v[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return new GaussianMoments(mu, c, n);
    }

    /**
     * Returns the dimension.
     *
     * @return D
     */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** The arrays themselves, for this package's arithmetic (no copy). */
    double[][] covarianceView() {
        return covariance;
    }

    /** The mean itself, for this package's arithmetic (no copy). */
    double[] meanView() {
        return mean;
    }
}
