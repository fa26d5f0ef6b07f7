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
 */
public record AnomalyScores(
        double[] negElbo,
        double[] reconstructionLogProb,
        double[] logLikelihood,
        int samples,
        int importanceSamples) {

    /** Checks that all arrays describe the same images. */
    public AnomalyScores {
        if (negElbo.length != reconstructionLogProb.length
                || negElbo.length != logLikelihood.length) {
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
                    };
        }
        return out;
    }

    /** The three scores. */
    public enum Kind {
        /** Negative ELBO. */
        NEG_ELBO("neg_elbo"),
        /** Reconstruction log-probability (An &amp; Cho). */
        RECONSTRUCTION("recon_log_prob"),
        /** Importance-sampled log-likelihood. */
        LOG_LIKELIHOOD("log_likelihood");

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
