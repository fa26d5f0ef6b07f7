package org.vae4j.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vae4j.data.SparseRows;

class BaselinesTest {

    /** X = [[1,1,0],[0,1,1]]: G = XᵀX = [[1,1,0],[1,2,1],[0,1,1]]. */
    private static final SparseRows X =
            SparseRows.ofItems(3, new int[][] {{0, 1}, {1, 2}}, "x");

    @Test
    void easeClosedFormOnThreeItemsByHand() {
        // G + I = [[2,1,0],[1,3,1],[0,1,2]], det 8, P = (1/8)[[5,-2,1],[-2,4,-2],[1,-2,5]];
        // B_ij = -P_ij / P_jj: B_01 = (2/8)/(4/8) = 0.5, B_02 = -(1/8)/(5/8) = -0.2, ...
        float[] b = Ease.weights(ItemItem.gram(X), 3, 1.0);
        assertArrayEquals(new float[] {0, 0.5f, -0.2f, 0.4f, 0, 0.4f, -0.2f, 0.5f, 0}, b, 1e-6f);
        Ease ease = new Ease(X, 1.0);
        // a user with item 0 scores row 0 of B
        assertArrayEquals(new float[] {0, 0.5f, -0.2f},
                ease.scores(SparseRows.ofItems(3, new int[][] {{0}}, "u"), 0, 1)[0], 1e-6f);
        assertArrayEquals(new int[] {1, 2}, ease.recommend(new int[] {0}, 5));
        assertEquals("EASE (lambda 1)", ease.name());
    }

    @Test
    void itemKnnCosineAndNeighbourPruning() {
        SparseRows u1 = SparseRows.ofItems(3, new int[][] {{1}}, "u");
        float c = (float) (1 / Math.sqrt(2));
        // cos(0,1) = 1/sqrt(1*2), cos(1,2) = 1/sqrt(2*1), cos(0,2) = 0
        assertArrayEquals(new float[] {c, 0, c}, new ItemKnn(X, 2).scores(u1, 0, 1)[0], 1e-6f);
        // k = 1: item 1's neighbours 0 and 2 tie; the lower index (0) is kept
        assertArrayEquals(new float[] {c, 0, 0}, new ItemKnn(X, 1).scores(u1, 0, 1)[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new ItemKnn(X, 0));
    }

    @Test
    void popularityCountsTrainingUsers() {
        Popularity p = new Popularity(X);
        assertArrayEquals(new float[] {1, 2, 1}, p.scores(X, 0, 2)[1]);
        assertArrayEquals(new int[] {0, 2}, p.recommend(new int[] {1}, 2));
    }

    @Test
    void itemBoundAndBadLambdaAreRefused() {
        SparseRows wide = SparseRows.ofItems(ItemItem.MAX_ITEMS + 1, new int[][] {{0}}, "w");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Ease(wide, 1));
        assertTrue(e.getMessage().contains("at most 8192 items, got 8193"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ease(X, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ease(X, Double.NaN));
    }

    @Test
    void evaluationOfPopularityByHand() {
        // training users make item 2 most popular, then 1, then 0 (3 items... 4th never held)
        SparseRows train = SparseRows.ofItems(4, new int[][] {{2}, {2, 1}, {2, 1, 0}}, "t");
        SparseRows foldIn = SparseRows.ofItems(4, new int[][] {{2}, {0}, {1}}, "f");
        SparseRows targets = SparseRows.ofItems(4, new int[][] {{1}, {3}, {}}, "g");
        RankingReport r = RankingEvaluation.evaluate(new Popularity(train),
                new HeldOutUsers(foldIn, targets));
        // user 0: ranking 1, 0, 3 -> hit at rank 1; user 1: ranking 2, 1, 3 -> hit at rank 3
        // user 2 has no targets and is skipped.
        assertEquals(2, r.users());
        assertEquals(1.0, r.recall20().mean(), 1e-12);
        assertEquals((1 + 1 / (Math.log(4) / Math.log(2))) / 2, r.ndcg100().mean(), 1e-12);
    }
}
