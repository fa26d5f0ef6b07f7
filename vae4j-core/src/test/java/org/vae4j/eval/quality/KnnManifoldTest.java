package org.vae4j.eval.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** k-NN precision and recall on hand-made point sets. */
class KnnManifoldTest {

    private static float[][] line(double... xs) {
        float[][] p = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            p[i] = new float[] {(float) xs[i], 0};
        }
        return p;
    }

    @Test
    void handMadeSetsWithKOne() {
        // Real {0, 1, 10, 11}: every radius (k = 1) is 1.
        // Samples {0.5, 5, 10.5, 20}: radii 4.5, 4.5, 5.5, 9.5.
        // Precision: 0.5 (0 ± 1) and 10.5 (10 ± 1) are in, 5 and 20 are not: 2/4.
        // Recall: 0 and 1 lie in 0.5's ball (± 4.5), 10 and 11 in 10.5's (± 5.5): 4/4.
        PrecisionRecall pr = KnnManifold.precisionRecall(line(0, 1, 10, 11),
                line(0.5, 5, 10.5, 20), 1);
        assertEquals(0.5, pr.precision(), 1e-12);
        assertEquals(1.0, pr.recall(), 1e-12);
        assertEquals(1, pr.k());
    }

    @Test
    void anOutlyingRealPointWidensItsBallAndIsNotRecalled() {
        // Adding real 30: its radius is 19 (to 11), so sample 20 falls inside (precision 3/4);
        // no sample ball reaches 30 (20 ± 9.5), so recall is 4/5.
        PrecisionRecall pr = KnnManifold.precisionRecall(line(0, 1, 10, 11, 30),
                line(0.5, 5, 10.5, 20), 1);
        assertEquals(0.75, pr.precision(), 1e-12);
        assertEquals(0.8, pr.recall(), 1e-12);
    }

    @Test
    void theRadiusIsTheKthNeighbourAndItsBoundaryCounts() {
        // Real {0, 1, 3, 6} with k = 2: radii 3 (0: 1, 3), 2 (1: 1, 2), 3 (3: 2, 3), 5 (6: 3, 5).
        // Sample 9 is exactly 3 from 6, inside its radius 5; sample -3 is exactly 3 from 0: in.
        // Sample 12 is 6 from 6: out. Sample set radii (k = 2) for recall: {-3, 9, 12, 13}:
        // -3: 12, 15 → 15; 9: 3, 4 → 4; 12: 1, 3 → 3; 13: 1, 4 → 4. Real 0, 1, 3 lie in -3's
        // ball (± 15), 6 too: recall 1.
        PrecisionRecall pr = KnnManifold.precisionRecall(line(0, 1, 3, 6),
                line(-3, 9, 12, 13), 2);
        assertEquals(0.5, pr.precision(), 1e-12);
        assertEquals(1.0, pr.recall(), 1e-12);
    }

    @Test
    void aSetAgainstItselfIsFullyInsideAndAFarSetIsOutside() {
        Random rng = new Random(2);
        float[][] a = new float[300][4];
        float[][] far = new float[300][4];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = (float) rng.nextGaussian();
                far[i][j] = a[i][j] + 100;
            }
        }
        PrecisionRecall same = KnnManifold.precisionRecall(a, a, KnnManifold.DEFAULT_K);
        assertEquals(1.0, same.precision());
        assertEquals(1.0, same.recall());
        PrecisionRecall apart = KnnManifold.precisionRecall(a, far, KnnManifold.DEFAULT_K);
        assertEquals(0.0, apart.precision());
        assertEquals(0.0, apart.recall());
    }

    @Test
    void rejectsSetsNoLargerThanK() {
        assertThrows(IllegalArgumentException.class,
                () -> KnnManifold.precisionRecall(line(0, 1, 2), line(0, 1, 2, 3), 3));
        assertThrows(IllegalArgumentException.class,
                () -> KnnManifold.precisionRecall(line(0, 1, 2), line(0, 1, 2), 0));
    }
}
