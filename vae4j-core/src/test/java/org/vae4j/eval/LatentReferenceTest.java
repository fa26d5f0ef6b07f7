package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/** Latent k-NN and Mahalanobis distances against hand computations. */
class LatentReferenceTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static final float[][] LINE = {{0}, {1}, {3}, {7}};

    @Test
    void leaveOneOutDistancesByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // k = 1: each point's nearest other point. 0 -> 1, 1 -> 0, 3 -> 1, 7 -> 3.
            assertArrayEquals(new double[] {1, 1, 2, 4},
                    LatentReference.fit(LINE, 1).knnDistance(m, LINE, true), 1e-6);
            // k = 2: the second nearest other point. 0 -> 3, 1 -> 3, 3 -> 0, 7 -> 1.
            assertArrayEquals(new double[] {3, 2, 3, 6},
                    LatentReference.fit(LINE, 2).knnDistance(m, LINE, true), 1e-6);
            // Without leave-one-out a reference point is its own nearest neighbour.
            assertArrayEquals(new double[] {0, 0, 0, 0},
                    LatentReference.fit(LINE, 1).knnDistance(m, LINE, false), 1e-6);
            // A new point: 2 is 1 from both 1 and 3; its second neighbour is at distance 1 too.
            assertArrayEquals(new double[] {1},
                    LatentReference.fit(LINE, 2).knnDistance(m, new float[][] {{2}}, false),
                    1e-6);
        }
    }

    @Test
    void euclideanInTwoDimensions() {
        float[][] ref = {{0, 0}, {3, 4}, {-6, 8}};
        try (NDManager m = NDManager.newBaseManager()) {
            // (3, 4) -> (0, 0) is 5; (-6, 8) -> (0, 0) is 10, -> (3, 4) is sqrt(81 + 16) < 10.
            assertArrayEquals(new double[] {5, 5, Math.sqrt(97)},
                    LatentReference.fit(ref, 1).knnDistance(m, ref, true), 1e-5);
            assertArrayEquals(new double[] {10, Math.sqrt(97), 10},
                    LatentReference.fit(ref, 2).knnDistance(m, ref, true), 1e-5);
        }
    }

    @Test
    void chunkedDistancesMatchBruteForce() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] ref = new float[300][5];
        float[][] q = new float[77][5];
        for (float[] row : ref) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        for (float[] row : q) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        LatentReference lr = LatentReference.fit(ref, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            // 7 queries per chunk: 11 chunks.
            double[] chunked = lr.knnDistance(m, q, false, 7L * 300);
            double[] whole = lr.knnDistance(m, q, false);
            for (int i = 0; i < q.length; i++) {
                double[] d = new double[ref.length];
                for (int j = 0; j < ref.length; j++) {
                    double s = 0;
                    for (int c = 0; c < 5; c++) {
                        s += (q[i][c] - ref[j][c]) * (q[i][c] - ref[j][c]);
                    }
                    d[j] = Math.sqrt(s);
                }
                java.util.Arrays.sort(d);
                assertEquals(d[2], chunked[i], 1e-4, "query " + i);
                assertEquals(d[2], whole[i], 1e-4, "query " + i);
            }
            assertEquals(0, m.getManagedArrays().size(), "chunks leave nothing behind");
        }
    }

    @Test
    void mahalanobisByHand() {
        // Mean 0; unbiased covariance diag(2/3, 8/3): d^2 of (1, 2) = 1 / (2/3) + 4 / (8/3) = 3.
        float[][] ref = {{1, 0}, {-1, 0}, {0, 2}, {0, -2}};
        LatentReference lr = LatentReference.fit(ref, 1);
        assertArrayEquals(new double[] {Math.sqrt(3), 0, Math.sqrt(1.5)},
                lr.mahalanobis(new float[][] {{1, 2}, {0, 0}, {1, 0}}), 1e-9);
    }

    @Test
    void aCollapsedUnitDoesNotDivideByZero() {
        // The second unit never moves (an inactive latent unit): its variance is floored.
        float[][] ref = {{1, 5}, {-1, 5}, {2, 5}, {-2, 5}};
        double[] d = LatentReference.fit(ref, 1).mahalanobis(new float[][] {{0, 5}, {1, 5}});
        assertEquals(0, d[0], 1e-9);
        assertEquals(1 / Math.sqrt(10.0 / 3), d[1], 1e-9); // variance (1+1+4+4)/3
        assertFalse(Double.isNaN(d[1]));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LatentReference.fit(LINE, 0));
        assertThrows(IllegalArgumentException.class, () -> LatentReference.fit(LINE, 4));
        assertThrows(IllegalArgumentException.class,
                () -> LatentReference.fit(new float[][] {{1}, {1, 2}}, 1));
        LatentReference lr = LatentReference.fit(LINE, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> lr.knnDistance(m, new float[][] {{1, 2}}, false));
            assertThrows(IllegalArgumentException.class,
                    () -> lr.knnDistance(m, new float[][] {{1}}, true));
        }
    }
}
