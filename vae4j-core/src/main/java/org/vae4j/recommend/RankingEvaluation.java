package org.vae4j.recommend;

import java.util.Arrays;

/**
 * Measures a {@link Recommender} on held-out users: scores each user's fold-in, ranks the items
 * the user does not have, and averages Recall@20, Recall@50 and NDCG@100 over the users with
 * targets ({@link RankingMetrics}).
 */
public final class RankingEvaluation {

    /** Users scored per call of {@link Recommender#scores}. */
    static final int CHUNK = 500;

    private RankingEvaluation() {}

    /**
     * Evaluates a recommender.
     *
     * @param r the recommender, over the held-out users' items
     * @param users fold-in and targets
     * @return the three metrics
     * @throws IllegalArgumentException if the item counts differ or no user has targets
     */
    public static RankingReport evaluate(Recommender r, HeldOutUsers users) {
        if (r.items() != users.rowWidth()) {
            throw new IllegalArgumentException(r.name() + " scores " + r.items()
                    + " items but the users have " + users.rowWidth());
        }
        int n = users.size();
        double[][] m = new double[3][n];
        int kept = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            float[][] scores = null;
            for (int i = 0; i < count; i++) {
                int[] targets = users.targets().items(from + i);
                if (targets.length == 0) {
                    continue;
                }
                if (scores == null) {
                    scores = r.scores(users.foldIn(), from, count);
                }
                int[] ranked = RankingMetrics.topK(scores[i], users.foldIn().items(from + i), 100);
                m[0][kept] = RankingMetrics.recall(ranked, targets, 20);
                m[1][kept] = RankingMetrics.recall(ranked, targets, 50);
                m[2][kept] = RankingMetrics.ndcg(ranked, targets, 100);
                kept++;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException(users.source() + ": no held-out user has target"
                    + " items (each needs " + StrongSplit.MIN_SPLIT_ITEMS + " or more items)");
        }
        return new RankingReport(r.name(), MeanSe.of(Arrays.copyOf(m[0], kept)),
                MeanSe.of(Arrays.copyOf(m[1], kept)), MeanSe.of(Arrays.copyOf(m[2], kept)));
    }
}
