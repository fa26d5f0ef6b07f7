package org.vae4j.eval.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against hand-computed 2-D cases and its invariances. */
class FrechetDistanceTest {

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        Random rng = new Random(5);
        double[][] a = new double[6][6];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] s = new double[6][6]; // A Aᵀ: symmetric PSD
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    s[i][j] += a[i][k] * a[j][k];
                }
            }
        }
        GaussianMoments g = GaussianMoments.of(new double[] {1, -2, 3, 0, 0, 5}, s);
        assertEquals(0, FrechetDistance.between(g, g), 1e-9);
    }

    @Test
    void diagonalCaseMatchesTheClosedForm() {
        // ‖(1,2)‖² = 5; per axis (√a − √b)²: (1 − 2)² + (2 − 3)² = 2.
        GaussianMoments a = GaussianMoments.of(new double[] {0, 0},
                new double[][] {{1, 0}, {0, 4}});
        GaussianMoments b = GaussianMoments.of(new double[] {1, 2},
                new double[][] {{4, 0}, {0, 9}});
        assertEquals(7, FrechetDistance.between(a, b), 1e-12);
        assertEquals(7, FrechetDistance.between(b, a), 1e-12);
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoClosedForm() {
        // For 2×2 Σ₁Σ₂ with eigenvalues λ₁, λ₂ ≥ 0: (√λ₁ + √λ₂)² = tr + 2 √det, so
        // Tr((Σ₁Σ₂)^½) = √(Tr(Σ₁Σ₂) + 2 √(det Σ₁ det Σ₂)).
        // Σ₁Σ₂ = [[1.5, 1], [0.5, 1.5]]: trace 3; det Σ₁ = 1, det Σ₂ = 1.75.
        double[][] s1 = {{2, 1}, {1, 1}};
        double[][] s2 = {{1, -0.5}, {-0.5, 2}};
        double traceRoot = Math.sqrt(3 + 2 * Math.sqrt(1.75));
        double expected = 1 + (3 + 3) - 2 * traceRoot; // ‖(1, 0)‖² + Tr Σ₁ + Tr Σ₂ − 2 …
        GaussianMoments a = GaussianMoments.of(new double[] {1, 0}, s1);
        GaussianMoments b = GaussianMoments.of(new double[] {0, 0}, s2);
        assertEquals(expected, FrechetDistance.between(a, b), 1e-12);
        assertEquals(expected, FrechetDistance.between(b, a), 1e-12);
        assertEquals(traceRoot, FrechetDistance.traceSqrtProduct(s1, s2), 1e-12);
    }

    @Test
    void singularCovarianceIsClampedNotNaN() {
        // Rank one: eigenvalues 2 and 0 (rounding may make the 0 slightly negative).
        double[][] s1 = {{1, 1}, {1, 1}};
        double[][] identity = {{1, 0}, {0, 1}};
        GaussianMoments a = GaussianMoments.of(new double[] {0, 0}, s1);
        GaussianMoments b = GaussianMoments.of(new double[] {0, 0}, identity);
        assertEquals(2 + 2 - 2 * Math.sqrt(2), FrechetDistance.between(a, b), 1e-12);
        assertEquals(0, FrechetDistance.between(a, a), 1e-12);
    }

    @Test
    void sampleMomentsAreTheUnbiasedEstimates() {
        float[][] x = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        GaussianMoments g = GaussianMoments.of(x);
        assertArrayEquals(new double[] {1, 1}, g.mean(), 1e-12);
        // Deviations ±1 on each axis: 4 / (4 − 1); the axes are uncorrelated.
        assertArrayEquals(new double[] {4.0 / 3, 0}, g.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {0, 4.0 / 3}, g.covariance()[1], 1e-12);
        assertEquals(4, g.count());
    }

    @Test
    void aShiftedSetIsAtTheSquaredShift() {
        Random rng = new Random(9);
        float[][] a = new float[200][3];
        float[][] b = new float[200][3];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = (float) rng.nextGaussian();
                b[i][j] = a[i][j] + (j == 0 ? 3 : j == 1 ? -4 : 0);
            }
        }
        assertEquals(25, FrechetDistance.between(a, b), 1e-4);
        assertEquals(0, FrechetDistance.between(a, a), 1e-9);
    }

    @Test
    void rejectsMismatchedDimensionsAndTooFewVectors() {
        GaussianMoments two = GaussianMoments.of(new double[] {0, 0},
                new double[][] {{1, 0}, {0, 1}});
        GaussianMoments one = GaussianMoments.of(new double[] {0}, new double[][] {{1}});
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(two, one));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMoments.of(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.of(
                new double[] {0, 0}, new double[][] {{1, 0.5}, {0, 1}}));
    }
}
