package org.vae4j.recommend;

import org.vae4j.data.SparseRows;

/**
 * Anything that scores every item for a user from the items the user has: the baselines and the
 * VAE families. Higher scores mean "recommend first"; the scores of the user's own items are
 * ignored by the metrics.
 */
public interface Recommender {

    /**
     * A short name for tables, e.g. {@code EASE (lambda 500)}.
     *
     * @return the name
     */
    String name();

    /**
     * The number of items scored.
     *
     * @return I
     */
    int items();

    /**
     * Scores every item for rows {@code from .. from + count} of {@code users}.
     *
     * @param users the users' items (the fold-in of held-out users), {@code items()} columns
     * @param from first row
     * @param count rows, at most 1,000 per call
     * @return {@code [count][items()]} scores
     */
    float[][] scores(SparseRows users, int from, int count);

    /**
     * The {@code n} best items a user does not have yet.
     *
     * @param items the user's items (any order; duplicates are ignored)
     * @param n how many, &gt;= 1
     * @return item indices, best first
     */
    default int[] recommend(int[] items, int n) {
        for (int i : items) {
            if (i < 0 || i >= items()) {
                throw new IllegalArgumentException("item " + i + " is not in [0, " + items()
                        + ")");
            }
        }
        SparseRows one = SparseRows.ofItems(items(), new int[][] {items}, "one user");
        return RankingMetrics.topK(scores(one, 0, 1)[0], one.items(0), n);
    }
}
