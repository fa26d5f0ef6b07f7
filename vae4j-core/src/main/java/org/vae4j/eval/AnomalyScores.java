package org.vae4j.eval;

/**
 * Per-image scores of a VAE on a data set, in nats. Arrays are indexed like the data set.
 *
 * @param negElbo negative ELBO, {@code mean_l -log p(x|z_l) + KL(q(z|x) || p(z))} (higher = more
 *     anomalous)
 * @param reconstructionLogProb reconstruction probability of An &amp; Cho (2015), {@code mean_l
 *     log p(x|z_l)}, {@code z_l ~ q(z|x)} (lower = more anomalous)
 * @param logLikelihood importance-sampled {@code log p(x) ~ log mean_j p(x|z_j) p(z_j) /
 *     q(z_j|x)} (Burda et al. 2016; lower = more anomalous)
 * @param samples posterior samples L behind the first two scores
 * @param importanceSamples importance samples k behind the log-likelihood
 * @param complexity {@code L(x)}, the image's length under lossless PNG compression in nats
 *     ({@link InputComplexity}); the complexity-corrected score is {@code S(x) = -log p(x) -
 *     L(x)} (Serrà et al. 2020; higher = more anomalous)
 */
public record AnomalyScores(
        double[] negElbo,
        double[] reconstructionLogProb,
        double[] logLikelihood,
        int samples,
        int importanceSamples,
        double[] complexity) {

    /** Checks that all arrays describe the same images. */
    public AnomalyScores {
        if (negElbo.length != reconstructionLogProb.length
                || negElbo.length != logLikelihood.length || negElbo.length != complexity.length) {
            throw new IllegalArgumentException(
                    "score arrays differ in length: "
                            + negElbo.length
                            + ", "
                            + reconstructionLogProb.length
                            + ", "
                            + logLikelihood.length);
        }
    }

    /**
     * Returns the number of scored images.
     *
     * @return N
     */
    public int size() {
        return negElbo.length;
    }

    /**
     * Returns a score oriented so that higher means more anomalous, for ranking and ROC curves.
     *
     * @param kind which score
     * @return a new array
     */
    public double[] anomaly(Kind kind) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    switch (kind) {
                        case NEG_ELBO -> negElbo[i];
                        case RECONSTRUCTION -> -reconstructionLogProb[i];
                        case LOG_LIKELIHOOD -> -logLikelihood[i];
                        case COMPLEXITY_CORRECTED -> -logLikelihood[i] - complexity[i];
                    };
        }
        return out;
    }

    /**
     * Scores of two sets one after the other ({@code a}'s images first), e.g. in-distribution
     * test images then out-of-distribution ones.
     *
     * @param a the first set's scores
     * @param b the second set's, with the same L and k
     * @return the concatenation
     */
    public static AnomalyScores concat(AnomalyScores a, AnomalyScores b) {
        if (a.samples != b.samples || a.importanceSamples != b.importanceSamples) {
            throw new IllegalArgumentException("scores of different L or k cannot be joined");
        }
        return new AnomalyScores(join(a.negElbo, b.negElbo),
                join(a.reconstructionLogProb, b.reconstructionLogProb),
                join(a.logLikelihood, b.logLikelihood), a.samples, a.importanceSamples,
                join(a.complexity, b.complexity));
    }

    private static double[] join(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The scores. */
    public enum Kind {
        /** Negative ELBO. */
        NEG_ELBO("neg_elbo"),
        /** Reconstruction log-probability (An &amp; Cho). */
        RECONSTRUCTION("recon_log_prob"),
        /** Importance-sampled log-likelihood. */
        LOG_LIKELIHOOD("log_likelihood"),
        /**
         * {@code -log p(x) - L(x)}: the likelihood corrected for input complexity (Serrà et al.
         * 2020), which likelihoods alone rank backwards for simple images.
         */
        COMPLEXITY_CORRECTED("complexity_corrected");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /**
         * Returns the column name used in CSV and JSON output.
         *
         * @return the id
         */
        public String id() {
            return id;
        }
    }
}
