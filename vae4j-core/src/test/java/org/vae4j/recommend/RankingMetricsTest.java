package org.vae4j.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void topKRanksByScoreThenIndexAndSkipsFoldIn() {
        // items 1 and 3 tie at 0.9: the lower index (1) ranks first; item 4 is the user's own.
        float[] s = {0.1f, 0.9f, 0.5f, 0.9f, 5f, Float.NaN, 0.5f};
        assertArrayEquals(new int[] {1, 3, 2, 6, 0, 5}, RankingMetrics.topK(s, new int[] {4}, 10));
        assertArrayEquals(new int[] {1, 3}, RankingMetrics.topK(s, new int[] {4}, 2));
        assertArrayEquals(new int[] {4, 1, 3}, RankingMetrics.topK(s, new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.topK(s, new int[0], 0));
    }

    @Test
    void recallNormalisedByMinOfKAndTargets() {
        int[] ranked = {5, 2, 7, 1, 0};
        // targets {1, 2}: both in the top 5 -> 2 / min(5, 2) = 1; top 2 holds one -> 1/2
        assertEquals(1.0, RankingMetrics.recall(ranked, new int[] {1, 2}, 5), 1e-12);
        assertEquals(0.5, RankingMetrics.recall(ranked, new int[] {1, 2}, 2), 1e-12);
        // four targets, K = 2: top 2 = {5, 2} holds 2 of them -> 2 / min(2, 4) = 1
        assertEquals(1.0, RankingMetrics.recall(ranked, new int[] {2, 3, 5, 9}, 2), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.recall(ranked, new int[0], 2));
    }

    @Test
    void ndcgByHand() {
        int[] ranked = {5, 2, 7, 1, 0};
        // targets {1, 2}: hits at ranks 2 and 4 -> (1/log2 3 + 1/log2 5) / (1 + 1/log2 3)
        double want = (1 / LOG2_3 + 1 / (Math.log(5) / Math.log(2))) / (1 + 1 / LOG2_3);
        assertEquals(want, RankingMetrics.ndcg(ranked, new int[] {1, 2}, 100), 1e-12);
        // K = 3: only the rank-2 hit counts; ideal with min(3, 2) = 2 targets
        assertEquals((1 / LOG2_3) / (1 + 1 / LOG2_3),
                RankingMetrics.ndcg(ranked, new int[] {1, 2}, 3), 1e-12);
        assertEquals(1.0, RankingMetrics.ndcg(ranked, new int[] {2, 5}, 2), 1e-12);
    }

    @Test
    void tiesDecideTheMetricsByIndex() {
        // All scores equal: the ranking is 0, 1, 2, ...; targets {0, 3}, K = 2: one hit at rank 1.
        float[] flat = new float[6];
        int[] ranked = RankingMetrics.topK(flat, new int[0], 100);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, ranked);
        assertEquals(0.5, RankingMetrics.recall(ranked, new int[] {0, 3}, 2), 1e-12);
        assertEquals(1 / (1 + 1 / LOG2_3), RankingMetrics.ndcg(ranked, new int[] {0, 3}, 2),
                1e-12);
    }

    @Test
    void meanAndPopulationStandardError() {
        MeanSe m = MeanSe.of(new double[] {1, 2, 3, 4});
        // mean 2.5, population variance 1.25, se = sqrt(1.25) / 2
        assertEquals(2.5, m.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25) / 2, m.se(), 1e-12);
        assertEquals(4, m.n());
        assertEquals(0, MeanSe.of(new double[0]).n());
    }
}
