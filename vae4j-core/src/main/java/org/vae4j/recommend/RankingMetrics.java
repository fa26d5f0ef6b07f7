package org.vae4j.recommend;

import java.util.Arrays;

/**
 * Ranking metrics of one user, as the reference code of Liang et al. (WWW 2018) computes them.
 * Items are ranked by score, highest first; ties are broken by the lower item index (so results
 * are deterministic; the reference leaves the order of ties to {@code argsort}); NaN ranks below
 * every number; items the user already has (the fold-in) are never ranked.
 *
 * <ul>
 *   <li>{@code Recall@K = |top-K ∩ T| / min(K, |T|)}, for targets {@code T} (normalised by
 *       {@code min(K, |T|)}, not {@code |T|}, so a perfect ranking scores 1 even when {@code |T|
 *       > K});
 *   <li>{@code NDCG@K = DCG@K / IDCG@K}, {@code DCG@K = Σ_{r=1..K} [item_r ∈ T] / log2(r + 1)},
 *       {@code IDCG@K = Σ_{r=1..min(K,|T|)} 1 / log2(r + 1)}.
 * </ul>
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /**
     * The {@code k} best items, best first, skipping excluded ones: a bounded heap, {@code O(I log
     * k)}.
     *
     * @param scores one score per item
     * @param exclude items never ranked, ascending (may be empty)
     * @param k how many, &gt;= 1
     * @return up to {@code k} item indices (fewer when fewer items are left)
     */
    public static int[] topK(float[] scores, int[] exclude, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int[] heap = new int[Math.min(k, scores.length)];
        int size = 0;
        int e = 0;
        for (int i = 0; i < scores.length; i++) {
            while (e < exclude.length && exclude[e] < i) {
                e++;
            }
            if (e < exclude.length && exclude[e] == i) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                // heap[0] is the worst of the kept items.
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = heap[i];
        }
        Arrays.sort(boxed, (a, b) -> better(a, b, scores) ? -1 : better(b, a, scores) ? 1 : 0);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** Whether item a ranks above item b: higher score, NaN lowest, then lower index. */
    static boolean better(int a, int b, float[] s) {
        float x = Float.isNaN(s[a]) ? Float.NEGATIVE_INFINITY : s[a];
        float y = Float.isNaN(s[b]) ? Float.NEGATIVE_INFINITY : s[b];
        if (x != y) {
            return x > y;
        }
        if (Float.isNaN(s[a]) != Float.isNaN(s[b])) {
            return !Float.isNaN(s[a]);
        }
        return a < b;
    }

    // A min-heap under "better": the root is the worst kept item.
    private static void siftUp(int[] h, int i, float[] s) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!better(h[p], h[i], s)) {
                break;
            }
            int t = h[p];
            h[p] = h[i];
            h[i] = t;
            i = p;
        }
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int w = i;
            if (l < size && better(h[w], h[l], s)) {
                w = l;
            }
            if (r < size && better(h[w], h[r], s)) {
                w = r;
            }
            if (w == i) {
                return;
            }
            int t = h[w];
            h[w] = h[i];
            h[i] = t;
            i = w;
        }
    }

    /**
     * Recall@K of a ranking.
     *
     * @param ranked items best first (at least the first {@code k} are read)
     * @param targets the held-out items, ascending, not empty
     * @param k the cut-off
     * @return hits in the top {@code k} over {@code min(k, |targets|)}, in [0, 1]
     */
    public static double recall(int[] ranked, int[] targets, int k) {
        requireTargets(targets);
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(targets, ranked[r]) >= 0) {
                hits++;
            }
        }
        return hits / (double) Math.min(k, targets.length);
    }

    /**
     * NDCG@K of a ranking with binary relevance.
     *
     * @param ranked items best first
     * @param targets the held-out items, ascending, not empty
     * @param k the cut-off
     * @return DCG over the ideal DCG, in [0, 1]
     */
    public static double ndcg(int[] ranked, int[] targets, int k) {
        requireTargets(targets);
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(targets, ranked[r]) >= 0) {
                dcg += 1 / log2(r + 2);
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, targets.length); r++) {
            idcg += 1 / log2(r + 2);
        }
        return dcg / idcg;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void requireTargets(int[] targets) {
        if (targets.length == 0) {
            throw new IllegalArgumentException("a ranking metric needs at least one target item");
        }
    }
}
