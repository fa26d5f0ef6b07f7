package org.vae4j.recommend;

import java.util.Arrays;
import org.vae4j.data.SparseRows;

/** The popularity baseline: every user gets the items most training users hold. */
public final class Popularity implements Recommender {

    private final float[] counts;

    /**
     * Counts each item's training users.
     *
     * @param train the training users
     */
    public Popularity(SparseRows train) {
        int[] c = train.columnCounts();
        counts = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            counts[i] = c[i];
        }
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public int items() {
        return counts.length;
    }

    @Override
    public float[][] scores(SparseRows users, int from, int count) {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Arrays.copyOf(counts, counts.length);
        }
        return out;
    }
}
