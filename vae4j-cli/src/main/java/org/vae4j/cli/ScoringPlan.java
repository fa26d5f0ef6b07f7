package org.vae4j.cli;

import org.vae4j.data.ImageSet;
import org.vae4j.data.SpreadSample;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.InputComplexity;
import org.vae4j.eval.LatentReference;
import org.vae4j.model.Encoder;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.LikelihoodScorer;

/**
 * Which scores {@code vae4j score} computes for a model, and how: the likelihood scores where the
 * model has a likelihood, the likelihood ratio against a background model where one is given,
 * and the latent distances to the training codes where the model has an encoder.
 */
final class ScoringPlan {

    private final GenerativeModel model;
    private final LikelihoodScorer likelihood; // null: no likelihood
    private final LikelihoodScorer background; // null: no likelihood ratio
    private final Encoder encoder; // null: no latent distances
    private final LatentReference reference;
    private final AnomalyScorer.Options options;

    /**
     * Fits the latent reference (encodes the training images) if there is one to fit.
     *
     * @param model the run's model
     * @param background the background model, or null
     * @param training the run's training images, or null for no latent distances
     * @param knn k of the k-NN distance
     * @param options L, k, batch and seed of the likelihood scores
     */
    ScoringPlan(GenerativeModel model, LikelihoodScorer background, ImageSet training, int knn,
            AnomalyScorer.Options options) {
        this.model = model;
        this.options = options;
        this.likelihood = model.can(LikelihoodScorer.class)
                ? model.as(LikelihoodScorer.class) : null;
        this.background = background;
        this.encoder = training != null && model.can(Encoder.class)
                ? model.as(Encoder.class) : null;
        this.reference = encoder == null ? null
                : LatentReference.fit(LatentReference.codes(encoder, referenceImages(training)),
                        knn);
    }

    /** Largest number of code values kept as the reference (256 MB of floats). */
    static final long MAX_REFERENCE_VALUES = 64L << 20;

    /**
     * The training images whose codes are kept: all of them where they fit in {@link
     * #MAX_REFERENCE_VALUES} (an MLP's 20-wide codes: 3 million images), else a seeded sample
     * spread over the classes (a VQ-VAE's 7×7×64 grids: 21,000 of them).
     */
    private ImageSet referenceImages(ImageSet training) {
        int width = LatentReference.codes(encoder, training.first(1))[0].length;
        long fit = MAX_REFERENCE_VALUES / Math.max(1, width);
        referenceSize = (int) Math.min(training.size(), fit);
        return referenceSize == training.size() ? training
                : SpreadSample.of(training, referenceSize, options.seed());
    }

    private int referenceSize;

    /** How many training codes the latent distances measure against (0: none). */
    int referenceSize() {
        return reference == null ? 0 : referenceSize;
    }

    /** Whether any score can be computed. */
    boolean scoresAnything() {
        return likelihood != null || reference != null;
    }

    /**
     * Every score of the plan for a set. The background model is scored with the same seed as
     * the model (common random numbers), so a model against itself gives a ratio of exactly 0.
     *
     * @param set images of the model's shape
     * @return the scores
     */
    AnomalyScores score(ImageSet set) {
        AnomalyScores s = likelihood == null ? null : AnomalyScorer.score(likelihood, set, options);
        if (reference != null) {
            float[][] codes = LatentReference.codes(encoder, set);
            double[] knn = reference.knnDistance(model.manager(), codes, false);
            double[] mahalanobis = reference.hasMahalanobis() ? reference.mahalanobis(codes) : null;
            s = s == null ? AnomalyScores.latentOnly(InputComplexity.of(set), knn, mahalanobis)
                    : s.withLatent(knn, mahalanobis);
        }
        if (background != null) {
            s = s.withBackground(AnomalyScorer.score(background, set, options, s.complexity())
                    .logLikelihood());
        }
        return s;
    }
}
