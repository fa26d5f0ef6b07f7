package org.vae4j.eval.quality;

import org.vae4j.util.SymmetricEigen;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, the formula of FID (Heusel et al.
 * 2017):
 *
 * <pre>
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)
 * </pre>
 *
 * <p>How the trace of the matrix square root is computed, in doubles: {@code Σ₁Σ₂} is not
 * symmetric, but it is similar to the symmetric positive semi-definite {@code M = Σ₁^½ Σ₂ Σ₁^½}
 * ({@code Σ₁^½ (Σ₁Σ₂) Σ₁^{-½} = M}), so both have the same non-negative eigenvalues λ_i, and
 * {@code Tr((Σ₁Σ₂)^½) = Σ_i √λ_i}. {@code Σ₁^½ = V diag(√ω) Vᵀ} comes from the eigendecomposition
 * {@code Σ₁ = V diag(ω) Vᵀ}, and the λ_i from that of M, both by {@link SymmetricEigen} (Jacobi).
 * This avoids the complex-valued {@code scipy.linalg.sqrtm} of the reference FID code and its
 * "imaginary component" failures.
 *
 * <p>Clamping: a covariance of features with dead (always-zero) units is singular, and rounding
 * then makes some of its eigenvalues, and M's, tiny negative numbers (−1e-15 or so) where the exact
 * value is 0. Every negative eigenvalue is taken as 0 before its square root, and a total below 0
 * (rounding, for two identical sets) is reported as 0.
 *
 * <p>In vae4j the Gaussians are fitted to a domain classifier's features ("FD-LeNet"); the values
 * are not comparable with published Inception FIDs.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /**
     * The Fréchet distance between two sets of feature vectors, through their moments.
     *
     * @param a {@code [N₁][D]}, N₁ &ge; 2
     * @param b {@code [N₂][D]}, N₂ &ge; 2
     * @return d² &ge; 0 (squared units of the features, as FID reports it)
     */
    public static double between(float[][] a, float[][] b) {
        return between(GaussianMoments.of(a), GaussianMoments.of(b));
    }

    /**
     * The Fréchet distance between two Gaussians.
     *
     * @param a μ₁, Σ₁
     * @param b μ₂, Σ₂ of the same dimension
     * @return d² &ge; 0
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(GaussianMoments a, GaussianMoments b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("the Gaussians have dimensions " + d + " and "
                    + b.dimension());
        }
        double[] m1 = a.meanView();
        double[] m2 = b.meanView();
        double[][] s1 = a.covarianceView();
        double[][] s2 = b.covarianceView();
        double meanTerm = 0;
        double traces = 0;
        for (int i = 0; i < d; i++) {
            double diff = m1[i] - m2[i];
            meanTerm += diff * diff;
            traces += s1[i][i] + s2[i][i];
        }
        double total = meanTerm + traces - 2 * traceSqrtProduct(s1, s2);
        return Math.max(0, total);
    }

    /**
     * {@code Tr((Σ₁Σ₂)^½)} as the sum of {@code √λ} over the eigenvalues of {@code Σ₁^½ Σ₂ Σ₁^½},
     * negative ones taken as 0.
     *
     * @param s1 Σ₁, symmetric PSD
     * @param s2 Σ₂, symmetric PSD
     * @return the trace
     */
    static double traceSqrtProduct(double[][] s1, double[][] s2) {
        double[][] root = sqrtPsd(s1);
        double[][] m = multiply(multiply(root, s2), root);
        symmetrize(m);
        SymmetricEigen e = SymmetricEigen.of(m);
        double sum = 0;
        for (int k = 0; k < e.size(); k++) {
            sum += Math.sqrt(Math.max(0, e.value(k)));
        }
        return sum;
    }

    /** {@code V diag(√max(ω, 0)) Vᵀ} of a symmetric PSD matrix. */
    static double[][] sqrtPsd(double[][] s) {
        SymmetricEigen e = SymmetricEigen.of(s);
        int d = s.length;
        double[][] r = new double[d][d];
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(Math.max(0, e.value(k)));
            if (root == 0) {
                continue;
            }
            double[] v = e.vector(k);
            for (int i = 0; i < d; i++) {
                double vi = root * v[i];
                for (int j = 0; j < d; j++) {
                    r[i][j] += vi * v[j];
                }
            }
        }
        symmetrize(r);
        return r;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                double[] ci = c[i];
                for (int j = 0; j < m; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    /** Averages m with its transpose: products of symmetric matrices drift by rounding. */
    private static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < i; j++) {
                double v = (m[i][j] + m[j][i]) / 2;
                m[i][j] = v;
                m[j][i] = v;
            }
        }
    }
}
