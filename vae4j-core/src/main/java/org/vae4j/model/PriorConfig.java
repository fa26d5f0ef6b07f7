package org.vae4j.model;

/**
 * A VAE's prior, saved in {@code config.json}. A {@link VaeConfig} stores the standard normal as
 * no prior at all (null), so the files of Gaussian models read and write as they always have.
 *
 * <p>The VampPrior's pseudo-inputs are learned parameters {@code P [K, D]} of the model, on the
 * input scale; the encoder sees {@code u = clamp(P, 0, 1)} (the authors' hardtanh) or, unclamped,
 * {@code u = P}. They start as {@code N(0.05, 0.01^2)} draws: the authors' code (Tomczak's
 * vae_vampprior, models/Model.py) draws {@code N(-0.05, 0.01^2)} behind a hardtanh to [0, 1],
 * which puts almost every value below 0, where hardtanh has no gradient, so those pseudo-inputs
 * would stay at 0; +0.05 keeps the same scale (near-black images) inside the range where they
 * learn.
 *
 * @param kind gaussian or vamp
 * @param pseudoInputs K, the mixture's components, in [1, {@link #MAX_PSEUDO_INPUTS}] for vamp
 *     (ignored for gaussian)
 * @param clamp whether the pseudo-inputs the encoder sees are clamped to [0, 1] (vamp only)
 */
public record PriorConfig(PriorKind kind, int pseudoInputs, boolean clamp) {

    /** K of the VampPrior paper's experiments. */
    public static final int DEFAULT_PSEUDO_INPUTS = 500;

    /**
     * The most pseudo-inputs: each step encodes all of them, so 10,000 already costs a hundred
     * batches of 100 per step; more would be a typo.
     */
    public static final int MAX_PSEUDO_INPUTS = 10_000;

    /** Mean of the pseudo-inputs' initial values, on the input scale (see the class comment). */
    public static final double INIT_MEAN = 0.05;

    /** Standard deviation of the pseudo-inputs' initial values. */
    public static final double INIT_STD = 0.01;

    /** The standard normal prior. */
    public static final PriorConfig GAUSSIAN = new PriorConfig(PriorKind.GAUSSIAN, 0, false);

    /** Checks the values; messages name the field and the bad value. */
    public PriorConfig {
        if (kind == null) {
            throw new IllegalArgumentException("prior kind must be set");
        }
        if (kind == PriorKind.VAMP
                && (pseudoInputs < 1 || pseudoInputs > MAX_PSEUDO_INPUTS)) {
            throw new IllegalArgumentException("pseudo-inputs must be in [1, "
                    + MAX_PSEUDO_INPUTS + "], got " + pseudoInputs);
        }
        if (kind == PriorKind.GAUSSIAN) {
            pseudoInputs = 0;
            clamp = false;
        }
    }

    /**
     * A VampPrior with {@code k} pseudo-inputs clamped to [0, 1].
     *
     * @param k the number of pseudo-inputs
     * @return the configuration
     */
    public static PriorConfig vamp(int k) {
        return new PriorConfig(PriorKind.VAMP, k, true);
    }

    /**
     * Whether this is the standard normal, whose KL term has a closed form.
     *
     * @return true for gaussian
     */
    public boolean standardNormal() {
        return kind == PriorKind.GAUSSIAN;
    }

    @Override
    public String toString() {
        return standardNormal() ? "gaussian"
                : "vamp (" + pseudoInputs + " pseudo-inputs" + (clamp ? "" : ", unclamped") + ")";
    }
}
