package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PCA on cases small enough to solve by hand, and a wide one against them. */
class PcaTest {

    private static final double EPS = 1e-9;

    /**
     * Points (3,3,1), (-1,-1,1), (2,0,1), (0,2,1): mean (1,1,1); centred (2,2,0), (-2,-2,0),
     * (1,-1,0), (-1,1,0). Sample covariance (÷3): xx = yy = 10/3, xy = 2, z = 0. Eigenvectors
     * (1,1,0)/√2 with λ = 10/3 + 2 = 16/3 and (1,-1,0)/√2 with λ = 4/3; trace 20/3, so the
     * components explain 80% and 20%.
     */
    private static final float[][] POINTS = {{3, 3, 1}, {-1, -1, 1}, {2, 0, 1}, {0, 2, 1}};

    @Test
    void diagonalDirectionsOfAHandComputedCase() {
        Pca pca = Pca.fit(POINTS, 2);
        assertEquals(2, pca.components());
        assertArrayEquals(new double[] {1, 1, 1}, pca.mean(), EPS);
        assertEquals(16 / 3.0, pca.variance(0), EPS);
        assertEquals(4 / 3.0, pca.variance(1), EPS);
        assertEquals(0.8, pca.explainedVarianceRatio(0), EPS);
        assertEquals(0.2, pca.explainedVarianceRatio(1), EPS);
        double r = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {r, r, 0}, pca.component(0), 1e-9);
        // (1,-1,0)/√2 up to sign: the two entries tie in magnitude.
        double[] u2 = pca.component(1);
        double sign = Math.signum(u2[0]);
        assertArrayEquals(new double[] {r, -r, 0}, new double[] {sign * u2[0], sign * u2[1],
            sign * u2[2]}, 1e-9);
        // (3,3,1) - m = (2,2,0): 4/√2 = 2√2 along PC1, 0 along PC2.
        double[] y = pca.project(POINTS[0]);
        assertEquals(2 * Math.sqrt(2), y[0], 1e-6);
        assertEquals(0, y[1], 1e-6);
        // (2,0,1) - m = (1,-1,0): 0 along PC1, ±√2 along PC2.
        double[] y2 = pca.project(POINTS[2]);
        assertEquals(0, y2[0], 1e-6);
        assertEquals(Math.sqrt(2), sign * y2[1], 1e-6);
    }

    @Test
    void signMakesTheLargestEntryPositive() {
        // All spread along -x + 0.1·y direction: the component is ±(-0.995, 0.0995); the
        // convention picks (0.995, -0.0995).
        float[][] x = {{-10, 1}, {10, -1}, {-20, 2}, {20, -2}};
        Pca pca = Pca.fit(x, 1);
        double n = Math.sqrt(101);
        assertArrayEquals(new double[] {10 / n, -1 / n}, pca.component(0), 1e-9);
        assertEquals(1.0, pca.explainedVarianceRatio(0), 1e-12);
        // (-20, 2)·(10, -1)/√101 = -202/√101 = -2√101.
        assertEquals(-2 * n, pca.project(new float[] {-20, 2})[0], 1e-5);
    }

    @Test
    void manyDimensionsGiveTheSameComponentsAsTheDirectMethod() {
        // 300 dimensions (beyond the direct method's 256): points spread 3 along axis 7, 2 along
        // (axis 0 + axis 1)/√2, and a little everywhere. Subspace iteration must find the same
        // two directions, their variances and the trace the Jacobi method gives on their span.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int d = 300;
        float[][] x = new float[400][d];
        double s = Math.sqrt(0.5);
        for (float[] row : x) {
            double a = r.nextGaussian() * 3;
            double b = r.nextGaussian() * 2;
            for (int j = 0; j < d; j++) {
                row[j] = (float) (r.nextGaussian() * 0.01);
            }
            row[7] += (float) a;
            row[0] += (float) (b * s);
            row[1] += (float) (b * s);
        }
        Pca pca = Pca.fit(x, 2);
        assertEquals(1, Math.abs(pca.component(0)[7]), 1e-3);
        assertEquals(s, Math.abs(pca.component(1)[0]), 1e-3);
        assertEquals(s, Math.abs(pca.component(1)[1]), 1e-3);
        // The same points in 3 dimensions (axes 7, 0, 1) through the direct method.
        float[][] small = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            small[i] = new float[] {x[i][7], x[i][0], x[i][1]};
        }
        Pca direct = Pca.fit(small, 2);
        assertEquals(direct.variance(0), pca.variance(0), 1e-3 * direct.variance(0));
        assertEquals(direct.variance(1), pca.variance(1), 1e-3 * direct.variance(1));
        assertTrue(pca.explainedVarianceRatio(0) > 0.6, "ratio " + pca.explainedVarianceRatio(0));
    }

    @Test
    void rejectsTooFewVectorsAndBadK() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][] {{1, 2}}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(POINTS, 4));
        assertEquals("k must be in [1, 3], got 4", e.getMessage());
    }

    @Test
    void equalVectorsExplainNothing() {
        Pca pca = Pca.fit(new float[][] {{1, 2}, {1, 2}, {1, 2}}, 2);
        assertEquals(0, pca.explainedVarianceRatio(0));
        assertEquals(0, pca.variance(0));
    }
}
