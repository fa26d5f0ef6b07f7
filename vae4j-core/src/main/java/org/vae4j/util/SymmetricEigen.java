package org.vae4j.util;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Numerical Recipes,
 * section 11.1): {@code A = V Λ Vᵀ}. Simple and accurate (Jacobi finds small eigenvalues to high
 * relative accuracy) for the matrices vae4j has: an L×L latent covariance with L in the tens for
 * PCA, a classifier's ~100×100 feature covariance for the Fréchet distance. Each sweep costs
 * {@code O(n³)}; a few sweeps suffice, so n up to a few hundred is quick, and vae4j needs no
 * linear-algebra library. Immutable.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors; // vectors[k] is the k-th eigenvector

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes {@code a}, which must be symmetric.
     *
     * @param a an n×n symmetric matrix (not modified)
     * @return eigenvalues in decreasing order with their unit eigenvectors
     * @throws IllegalArgumentException if the matrix is not square
     */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has "
                        + a[i].length + " values, expected " + n);
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n]; // columns are eigenvectors
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 1e-22 * (1 + diagonal(m));
                sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, p, q);
                }
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -m[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Zeroes m[p][q] with one rotation, applied on both sides of m and accumulated in v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        // tan of the rotation angle, the smaller root of t² + 2θt - 1 = 0 for stability.
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = theta == 0 ? 1
                : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    s += m[i][j] * m[i][j];
                }
            }
        }
        return s;
    }

    private static double diagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            s += m[i][i] * m[i][i];
        }
        return s;
    }

    /**
     * Returns the matrix size.
     *
     * @return n
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns the k-th largest eigenvalue.
     *
     * @param k in [0, n)
     * @return λ_k
     */
    public double value(int k) {
        return values[k];
    }

    /**
     * Returns a copy of the unit eigenvector of the k-th largest eigenvalue.
     *
     * @param k in [0, n)
     * @return v_k, with {@code A v_k = λ_k v_k}
     */
    public double[] vector(int k) {
        return vectors[k].clone();
    }
}
