package org.vae4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Jacobi eigen-solver behind PCA and the Fréchet distance: A v = λ v for every pair, values sorted. */
class SymmetricEigenTest {

    @Test
    void jacobiFindsEigenpairs() {
        Random rng = new Random(3);
        int n = 7;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = rng.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            double[] v = e.vector(k);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(e.value(k) * v[i], av, 1e-9, "A v = lambda v, pair " + k);
            }
            if (k > 0) {
                assertTrue(e.value(k - 1) >= e.value(k), "eigenvalues sorted");
            }
        }
    }
}
