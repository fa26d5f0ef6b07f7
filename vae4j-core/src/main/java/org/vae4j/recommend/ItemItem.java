package org.vae4j.recommend;

import org.vae4j.data.SparseRows;

/**
 * An item-item model: a dense weight matrix {@code W [I, I]} scoring user {@code u} as {@code
 * s_u = x_u W} (the sum of the rows of {@code W} for the user's items), which item-kNN and EASE
 * share. The matrix is {@code I²} floats, so the item count is bounded.
 */
final class ItemItem {

    /** The most items of a dense item-item model: {@code 8192²} floats are 256 MiB. */
    static final int MAX_ITEMS = 8192;

    private ItemItem() {}

    /** Throws if a model of {@code items} items would not fit the bound. */
    static void checkItems(String model, int items) {
        if (items > MAX_ITEMS) {
            throw new IllegalArgumentException(model + " keeps a dense " + items + " x " + items
                    + " item-item matrix: at most " + MAX_ITEMS + " items, got " + items
                    + " (drop rare items, e.g. items with fewer than 5 users)");
        }
    }

    /**
     * The co-occurrence counts {@code G = XᵀX} of binary rows, row-major {@code [I, I]}: {@code
     * G[i][j]} users hold both items, {@code G[i][i]} users hold item i.
     */
    static float[] gram(SparseRows x) {
        int n = x.cols();
        float[] g = new float[n * n];
        for (int u = 0; u < x.size(); u++) {
            int[] items = x.items(u);
            for (int i : items) {
                int base = i * n;
                for (int j : items) {
                    g[base + j] += 1;
                }
            }
        }
        return g;
    }

    /** {@code s_u = x_u W} for rows {@code from .. from + count} (binary x). */
    static float[][] scores(float[] w, int n, SparseRows users, int from, int count) {
        float[][] out = new float[count][n];
        for (int c = 0; c < count; c++) {
            float[] s = out[c];
            for (int i : users.items(from + c)) {
                int base = i * n;
                for (int j = 0; j < n; j++) {
                    s[j] += w[base + j];
                }
            }
        }
        return out;
    }
}
