package org.vae4j.eval.quality;

/**
 * What the domain classifier makes of N images. The arrays are the caller's (freshly made, not
 * copied again).
 *
 * @param features {@code [N][84]}: the penultimate layer, after its ReLU
 * @param probabilities {@code [N][K]}: the softmax of the logits, each row summing to 1
 */
public record Embedding(float[][] features, float[][] probabilities) {

    /** Checks that both have N rows. */
    public Embedding {
        if (features == null || probabilities == null || features.length != probabilities.length) {
            throw new IllegalArgumentException("features and probabilities need the same rows, got "
                    + (features == null ? "null" : features.length) + " and "
                    + (probabilities == null ? "null" : probabilities.length));
        }
    }

    /**
     * Returns N.
     *
     * @return the images embedded
     */
    public int size() {
        return features.length;
    }

    /**
     * The class with the highest probability, per image.
     *
     * @return {@code [N]} labels
     */
    public int[] predictions() {
        int[] p = new int[probabilities.length];
        for (int i = 0; i < p.length; i++) {
            float[] row = probabilities[i];
            int best = 0;
            for (int k = 1; k < row.length; k++) {
                if (row[k] > row[best]) {
                    best = k;
                }
            }
            p[i] = best;
        }
        return p;
    }
}
