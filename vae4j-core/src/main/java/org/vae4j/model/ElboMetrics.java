package org.vae4j.model;

/**
 * The negative ELBO of a data set and its two terms, averaged per image, in nats.
 *
 * <p>{@code negElbo = reconstruction + kl}: reconstruction is {@code E_q[-log p(x|z)]} estimated
 * with one posterior sample per image, kl is {@code KL(q(z|x) || N(0, I))} in closed form. The
 * negative ELBO is an upper bound on {@code -log p(x)}.
 *
 * @param negElbo mean negative ELBO per image
 * @param reconstruction mean reconstruction term per image
 * @param kl mean KL term per image
 * @param images number of images averaged over
 */
public record ElboMetrics(double negElbo, double reconstruction, double kl, long images) {

    /** Checks that the count is positive. */
    public ElboMetrics {
        if (images <= 0) {
            throw new IllegalArgumentException("images must be > 0, got " + images);
        }
    }

    /**
     * Builds metrics from sums over images.
     *
     * @param reconstructionSum sum of reconstruction terms
     * @param klSum sum of KL terms
     * @param images number of images
     * @return the per-image means
     */
    public static ElboMetrics fromSums(double reconstructionSum, double klSum, long images) {
        double rec = reconstructionSum / images;
        double kl = klSum / images;
        return new ElboMetrics(rec + kl, rec, kl, images);
    }

    /** The names of {@link #toMetrics()}, in order. */
    public static final java.util.List<String> NAMES = java.util.List.of("neg_elbo", "reconstruction", "kl");

    /**
     * The three terms as named metrics: {@code neg_elbo, reconstruction, kl}.
     *
     * @return the metrics
     */
    public Metrics toMetrics() {
        return Metrics.of(NAMES, negElbo, reconstruction, kl);
    }
}
