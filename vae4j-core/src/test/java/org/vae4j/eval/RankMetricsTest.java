package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankMetricsTest {
    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void fprAtTprByHand() {
        // Highest first: 0.9 P, 0.85 N, 0.8 P, 0.7 N, 0.3 P, 0.2 N, 0.1 N.
        double[] scores = {0.9, 0.8, 0.3, 0.7, 0.2, 0.1, 0.85};
        boolean[] pos = {true, true, true, false, false, false, false};
        // All three positives are found only at 0.3, with 0.85 and 0.7 above it: 2 of 4.
        assertEquals(0.5, RankMetrics.fprAtTpr(scores, pos, 0.95), 0);
        // Two of three (0.67 >= 0.6) at 0.8, with 0.85 above: 1 of 4.
        assertEquals(0.25, RankMetrics.fprAtTpr(scores, pos, 0.6), 0);
        // Ties enter together: a negative tied with the only positive counts.
        assertEquals(0.5, RankMetrics.fprAtTpr(new double[] {0.5, 0.5, 0.1},
                new boolean[] {true, false, false}, 0.95), 0);
        assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.fprAtTpr(scores, pos, 0));
    }

    @Test
    void perfectAndInvertedSeparation() {
        double[] scores = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        boolean[] pos = {F, F, F, T, T, T};
        assertEquals(1.0, RankMetrics.rocAuc(scores, pos), EPS);
        assertEquals(1.0, RankMetrics.prAuc(scores, pos), EPS);
        boolean[] inverted = {T, T, T, F, F, F};
        assertEquals(0.0, RankMetrics.rocAuc(scores, inverted), EPS);
        // Positives enter last: thresholds 0.3, 0.2, 0.1 with P = 1/4, 2/5, 3/6.
        assertEquals((1 / 4.0 + 2 / 5.0 + 3 / 6.0) / 3, RankMetrics.prAuc(scores, inverted),
                EPS);
    }

    @Test
    void rocSmallCase() {
        // Pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3/4.
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] pos = {F, F, T, T};
        assertEquals(0.75, RankMetrics.rocAuc(scores, pos), EPS);
        // Thresholds 0.8: P=1, R=1/2; 0.4: P=1/2; 0.35: P=2/3, R=1.
        assertEquals(0.5 * 1 + 0.5 * 2 / 3.0, RankMetrics.prAuc(scores, pos), EPS);
    }

    @Test
    void rocTiesAcrossClasses() {
        // Pairs (pos, neg): (1 vs 1)=0.5, (1 vs 2)=0, (3 vs 1)=1, (3 vs 2)=1 -> 2.5/4.
        double[] scores = {1, 1, 2, 3};
        boolean[] pos = {F, T, F, T};
        assertEquals(0.625, RankMetrics.rocAuc(scores, pos), EPS);
        // Thresholds 3: P=1, R=1/2; 2: no new positive; 1: P=2/4, R=1.
        assertEquals(0.5 * 1 + 0.5 * 0.5, RankMetrics.prAuc(scores, pos), EPS);
    }

    @Test
    void apTiedThresholdEntersTogether() {
        // 0.9: P=1, R=0.5; 0.8 (two items enter): P=2/3, R=1.
        double[] scores = {0.9, 0.8, 0.8, 0.1};
        boolean[] pos = {T, F, T, F};
        assertEquals(0.5 * 1 + 0.5 * 2 / 3.0, RankMetrics.prAuc(scores, pos), EPS);
        // Pairs: 0.9 beats both, 0.8 ties 0.8 and beats 0.1 -> 3.5/4.
        assertEquals(0.875, RankMetrics.rocAuc(scores, pos), EPS);
    }

    @Test
    void allEqualScores() {
        double[] scores = {2, 2, 2, 2, 2};
        boolean[] pos = {T, F, F, T, F};
        assertEquals(0.5, RankMetrics.rocAuc(scores, pos), EPS);
        assertEquals(0.4, RankMetrics.prAuc(scores, pos), EPS);
    }

    @Test
    void signedZerosAndInfinitiesTie() {
        double[] scores = {-0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        boolean[] pos = {T, F, F, T};
        // Pairs: -0 vs 0 = 0.5, -0 vs -inf = 1, +inf beats both -> 3.5/4.
        assertEquals(0.875, RankMetrics.rocAuc(scores, pos), EPS);
        assertEquals(0.5 * 1 + 0.5 * 2 / 3.0, RankMetrics.prAuc(scores, pos), EPS);
    }

    @Test
    void rocMatchesBruteForceWithManyTies() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 200;
            double[] scores = new double[n];
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                pos[i] = rng.nextDouble() < 0.3;
                double shift = pos[i] ? 0.15 : 0.0;
                scores[i] = Math.round((rng.nextDouble() + shift) * 10) / 10.0;
            }
            pos[0] = true;
            pos[1] = false;
            assertEquals(bruteRoc(scores, pos), RankMetrics.rocAuc(scores, pos), 1e-12,
                    "trial " + trial);
            assertEquals(bruteAp(scores, pos), RankMetrics.prAuc(scores, pos), 1e-12,
                    "trial " + trial);
        }
    }

    @Test
    void validation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.rocAuc(new double[3], new boolean[2]));
        assertEquals("rocAuc: scores.length is 3 but positive.length is 2", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.prAuc(new double[] {1, 2}, new boolean[] {F, F}));
        assertEquals("prAuc needs at least one positive and one negative item, got 0 positives"
                + " and 2 negatives", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {T, T, T}));
        assertEquals("rocAuc needs at least one positive and one negative item, got 3 positives"
                + " and 0 negatives", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.rocAuc(new double[0], new boolean[0]));
        assertEquals("rocAuc needs at least one positive and one negative item, got 0 positives"
                + " and 0 negatives", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.prAuc(new double[] {1, Double.NaN}, new boolean[] {T, F}));
        assertEquals("prAuc: scores[1] is NaN", e.getMessage());

        assertThrows(NullPointerException.class, () -> RankMetrics.rocAuc(null, new boolean[0]));
    }

    private static double bruteRoc(double[] s, boolean[] pos) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (pos[i] && !pos[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** AP by evaluating every distinct score as a threshold, O(n²). */
    private static double bruteAp(double[] s, boolean[] pos) {
        double[] thresholds = java.util.Arrays.stream(s).distinct().sorted().toArray();
        int np = 0;
        for (boolean p : pos) {
            np += p ? 1 : 0;
        }
        double ap = 0;
        double prevRecall = 0;
        for (int k = thresholds.length - 1; k >= 0; k--) {
            int tp = 0;
            int all = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= thresholds[k]) {
                    all++;
                    tp += pos[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / np;
            ap += (recall - prevRecall) * tp / all;
            prevRecall = recall;
        }
        return ap;
    }

    @Test
    void spearmanByHand() {
        // No ties: 1 - 6 * sum(d^2) / (n (n^2 - 1)) = 1 - 6 * 2 / 60.
        assertEquals(0.8, RankMetrics.spearman(new double[] {1, 2, 3, 4},
                new double[] {10, 30, 20, 40}), 1e-12);
        // Ties share the average rank: ranks (1.5, 1.5, 3, 4) against (1, 2, 3, 4).
        assertEquals(4.5 / Math.sqrt(4.5 * 5), RankMetrics.spearman(new double[] {1, 1, 2, 3},
                new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(-1, RankMetrics.spearman(new double[] {1, 2, 3},
                new double[] {3, 2, 1}), 1e-12);
        assertEquals(0, RankMetrics.spearman(new double[] {5, 5, 5},
                new double[] {3, 2, 1}), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.spearman(new double[] {1, 2}, new double[] {1}));
    }
}
