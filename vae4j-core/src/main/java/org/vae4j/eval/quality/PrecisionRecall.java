package org.vae4j.eval.quality;

/**
 * Improved precision and recall of a generative model (Kynkäänniemi et al. 2019, "Improved
 * Precision and Recall Metric for Assessing Generative Models", arXiv:1904.06991).
 *
 * @param precision the fraction of samples inside the real images' k-NN manifold, in [0, 1]:
 *     how many samples look like some real image
 * @param recall the fraction of real images inside the samples' k-NN manifold, in [0, 1]: how
 *     much of the real variety the samples cover
 * @param k the neighbour whose distance is each ball's radius
 */
public record PrecisionRecall(double precision, double recall, int k) {

    /** Checks the ranges. */
    public PrecisionRecall {
        if (!(precision >= 0 && precision <= 1)) {
            throw new IllegalArgumentException("precision must be in [0, 1], got " + precision);
        }
        if (!(recall >= 0 && recall <= 1)) {
            throw new IllegalArgumentException("recall must be in [0, 1], got " + recall);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
    }
}
