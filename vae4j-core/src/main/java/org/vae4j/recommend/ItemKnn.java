package org.vae4j.recommend;

import java.util.Locale;
import org.vae4j.data.SparseRows;

/**
 * Item-based k-nearest neighbours with cosine similarity: {@code sim(i, j) = G_ij / sqrt(G_ii
 * G_jj)} from the co-occurrence counts {@code G = XᵀX}; each item keeps its {@code k} most
 * similar other items (ties by lower index), and a user scores {@code s_u(j) = Σ_{i ∈ u} sim(i,
 * j)} over the kept neighbours.
 */
public final class ItemKnn implements Recommender {

    private final int n;
    private final int k;
    private final float[] w;

    /**
     * Builds the similarity matrix.
     *
     * @param train the training users (binary)
     * @param k neighbours kept per item, &gt;= 1
     * @throws IllegalArgumentException if k &lt; 1 or there are more than 8192 items
     */
    public ItemKnn(SparseRows train, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.n = train.cols();
        this.k = k;
        ItemItem.checkItems("item-kNN", n);
        float[] g = ItemItem.gram(train);
        w = new float[n * n];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.sqrt((double) g[i * n + i] * g[j * n + j]);
                row[j] = i == j || d == 0 ? 0f : (float) (g[i * n + j] / d);
            }
            for (int j : RankingMetrics.topK(row, new int[] {i}, Math.min(k, n))) {
                if (row[j] > 0) {
                    w[i * n + j] = row[j];
                }
            }
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "item-kNN (cosine, k %d)", k);
    }

    @Override
    public int items() {
        return n;
    }

    @Override
    public float[][] scores(SparseRows users, int from, int count) {
        return ItemItem.scores(w, n, users, from, count);
    }
}
