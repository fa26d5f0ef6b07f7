package org.vae4j.eval;

/**
 * Per-image scores of a model on a data set, likelihoods in nats. Arrays are indexed like the
 * data set; an optional score's array is null when it was not computed, and a model without a
 * likelihood has only the latent distances (and the complexity, a property of the images).
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
 * @param backgroundLogLikelihood importance-sampled {@code log p_bg(x)} under a background model
 *     trained on perturbed inputs, or null; the likelihood ratio is {@code LLR(x) = log p(x) -
 *     log p_bg(x)} (Ren et al. 2019; lower = more anomalous)
 * @param latentKnn distance of the image's code to its k-th nearest training code, or null
 *     ({@link LatentReference}; higher = more anomalous)
 * @param latentMahalanobis Mahalanobis distance of the code to the training codes' Gaussian fit,
 *     or null (higher = more anomalous)
 */
public record AnomalyScores(
        double[] negElbo,
        double[] reconstructionLogProb,
        double[] logLikelihood,
        int samples,
        int importanceSamples,
        double[] complexity,
        double[] backgroundLogLikelihood,
        double[] latentKnn,
        double[] latentMahalanobis) {

    /**
     * Checks that all arrays describe the same images. The three likelihood scores are there
     * together (a model with a likelihood) or not at all (an autoencoder or VQ-VAE, scored by
     * latent distances alone); {@code complexity} is always there.
     */
    public AnomalyScores {
        int n = complexity.length;
        for (double[] a : new double[][] {negElbo, reconstructionLogProb, logLikelihood,
                backgroundLogLikelihood, latentKnn, latentMahalanobis}) {
            if (a != null && a.length != n) {
                throw new IllegalArgumentException("score arrays differ in length: " + n
                        + " and " + a.length);
            }
        }
        boolean likelihood = negElbo != null;
        if ((reconstructionLogProb != null) != likelihood
                || (logLikelihood != null) != likelihood) {
            throw new IllegalArgumentException("the three likelihood scores come together");
        }
        if (!likelihood && (latentKnn == null || backgroundLogLikelihood != null)) {
            throw new IllegalArgumentException(
                    "without likelihood scores there must be latent distances (and no background)");
        }
    }

    /**
     * The likelihood scores alone, without background or latent distances.
     *
     * @param negElbo negative ELBO per image
     * @param reconstructionLogProb reconstruction log-probability per image
     * @param logLikelihood importance-sampled log-likelihood per image
     * @param samples L
     * @param importanceSamples k
     * @param complexity PNG length in nats per image
     */
    public AnomalyScores(double[] negElbo, double[] reconstructionLogProb, double[] logLikelihood,
            int samples, int importanceSamples, double[] complexity) {
        this(negElbo, reconstructionLogProb, logLikelihood, samples, importanceSamples,
                complexity, null, null, null);
    }

    /**
     * Scores of a model without a likelihood (autoencoder, VQ-VAE): latent distances only.
     *
     * @param complexity PNG length in nats per image
     * @param knn k-NN distance per image
     * @param mahalanobis Mahalanobis distance per image, or null
     * @return the scores, with L = k = 0
     */
    public static AnomalyScores latentOnly(double[] complexity, double[] knn,
            double[] mahalanobis) {
        return new AnomalyScores(null, null, null, 0, 0, complexity, null, knn, mahalanobis);
    }

    /**
     * Returns a copy with the log-likelihood under a background model.
     *
     * @param background {@code log p_bg(x)} per image
     * @return the copy
     */
    public AnomalyScores withBackground(double[] background) {
        return new AnomalyScores(negElbo, reconstructionLogProb, logLikelihood, samples,
                importanceSamples, complexity, background, latentKnn, latentMahalanobis);
    }

    /**
     * Returns a copy with latent distances.
     *
     * @param knn k-NN distance per image
     * @param mahalanobis Mahalanobis distance per image, or null
     * @return the copy
     */
    public AnomalyScores withLatent(double[] knn, double[] mahalanobis) {
        return new AnomalyScores(negElbo, reconstructionLogProb, logLikelihood, samples,
                importanceSamples, complexity, backgroundLogLikelihood, knn, mahalanobis);
    }

    /**
     * The scores present, in {@link Kind} order.
     *
     * @return the kinds whose arrays are there
     */
    public java.util.List<Kind> kinds() {
        java.util.List<Kind> out = new java.util.ArrayList<>();
        for (Kind k : Kind.values()) {
            if (has(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Whether a score is present.
     *
     * @param kind which
     * @return true if its array is there
     */
    public boolean has(Kind kind) {
        return switch (kind) {
            case LIKELIHOOD_RATIO -> backgroundLogLikelihood != null;
            case LATENT_KNN -> latentKnn != null;
            case LATENT_MAHALANOBIS -> latentMahalanobis != null;
            default -> negElbo != null;
        };
    }

    /**
     * Returns the number of scored images.
     *
     * @return N
     */
    public int size() {
        return complexity.length;
    }

    /**
     * Returns a score oriented so that higher means more anomalous, for ranking and ROC curves.
     *
     * @param kind which score
     * @return a new array
     * @throws IllegalStateException if the score is not present
     */
    public double[] anomaly(Kind kind) {
        if (!has(kind)) {
            throw new IllegalStateException(kind.id() + " was not computed");
        }
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    switch (kind) {
                        case NEG_ELBO -> negElbo[i];
                        case RECONSTRUCTION -> -reconstructionLogProb[i];
                        case LOG_LIKELIHOOD -> -logLikelihood[i];
                        case COMPLEXITY_CORRECTED -> -logLikelihood[i] - complexity[i];
                        case LIKELIHOOD_RATIO -> backgroundLogLikelihood[i] - logLikelihood[i];
                        case LATENT_KNN -> latentKnn[i];
                        case LATENT_MAHALANOBIS -> latentMahalanobis[i];
                    };
        }
        return out;
    }

    /**
     * Scores of two sets one after the other ({@code a}'s images first), e.g. in-distribution
     * test images then out-of-distribution ones.
     *
     * @param a the first set's scores
     * @param b the second set's, with the same L, k and scores
     * @return the concatenation
     */
    public static AnomalyScores concat(AnomalyScores a, AnomalyScores b) {
        if (a.samples != b.samples || a.importanceSamples != b.importanceSamples
                || !a.kinds().equals(b.kinds())) {
            throw new IllegalArgumentException(
                    "scores of different L, k or kinds cannot be joined");
        }
        return new AnomalyScores(join(a.negElbo, b.negElbo),
                join(a.reconstructionLogProb, b.reconstructionLogProb),
                join(a.logLikelihood, b.logLikelihood), a.samples, a.importanceSamples,
                join(a.complexity, b.complexity),
                join(a.backgroundLogLikelihood, b.backgroundLogLikelihood),
                join(a.latentKnn, b.latentKnn), join(a.latentMahalanobis, b.latentMahalanobis));
    }

    private static double[] join(double[] a, double[] b) {
        if (a == null) {
            return null;
        }
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
        COMPLEXITY_CORRECTED("complexity_corrected"),
        /**
         * {@code log p_bg(x) - log p(x)}: minus the likelihood ratio against a background model
         * trained on perturbed images (Ren et al. 2019), which cancels what both models find
         * likely because it is simple.
         */
        LIKELIHOOD_RATIO("likelihood_ratio"),
        /** Distance of the code to its k-th nearest training code: no likelihood needed. */
        LATENT_KNN("latent_knn"),
        /** Mahalanobis distance of the code to the training codes' Gaussian fit. */
        LATENT_MAHALANOBIS("latent_mahalanobis");

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
