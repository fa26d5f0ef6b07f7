package org.vae4j.family.vqvae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.family.CodebookSpec;
import org.vae4j.family.InvalidSpecException;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.Likelihood;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * VQ-VAE (van den Oord et al. 2017): a convolutional encoder with residual blocks maps an image
 * to a grid of vectors, each replaced by its nearest entry of a learned codebook; the decoder
 * reconstructs from the codes. The codebook follows exponential moving averages of the vectors
 * assigned to it, starts from k-means on the first batch and restarts codes that go unused.
 * Defaults follow the recipe users copy (Zalando's pytorch-vq-vae: K = 512, D = 64, β = 0.25,
 * γ = 0.99, MSE on pixels), scaled to 28×28 images ({@link VqVaeConfig}).
 */
public final class VqVaeFamily implements ModelFamily<VqVaeConfig> {

    @Override
    public String id() {
        return VqVaeConfig.FAMILY;
    }

    @Override
    public String description() {
        return "VQ-VAE (grid of codebook entries, EMA codebook, straight-through gradients)";
    }

    @Override
    public Class<VqVaeConfig> configType() {
        return VqVaeConfig.class;
    }

    /** MSE on pixels, as the reference recipe. */
    @Override
    public Likelihood defaultLikelihood() {
        return Likelihood.GAUSSIAN;
    }

    /** 2σ² = 0.125, the pixel variance the reference divides its MSE by. */
    @Override
    public double defaultSigma() {
        return VqVaeConfig.DEFAULT_SIGMA;
    }

    @Override
    public VqVaeConfig configure(NetworkSpec s) {
        if (s.classes() > 0) {
            throw new InvalidSpecException("classes", "a vqvae is not conditional: conditional"
                    + " models are vae only");
        }
        if (s.logvarBounds() != null) {
            throw new InvalidSpecException("logvarBounds", "a vqvae has no log-variances to"
                    + " bound");
        }
        if (s.prior() != null && !s.prior().standardNormal()) {
            throw new InvalidSpecException("prior", "a vqvae's prior over its code grid is"
                    + " trained afterwards (vae4j train-prior): --prior is for the vae family");
        }
        if (s.latentDim() != null) {
            throw new InvalidSpecException("latentDim", "a vqvae's code is a grid of H/4 x W/4"
                    + " code vectors: set their size with --code-dim");
        }
        CodebookSpec cb = s.codebook();
        return new VqVaeConfig(s.channels(), s.height(), s.width(),
                s.hidden() == null ? VqVaeConfig.DEFAULT_HIDDEN : s.hidden(),
                or(cb.codebookSize(), VqVaeConfig.DEFAULT_CODEBOOK_SIZE),
                or(cb.codeDim(), VqVaeConfig.DEFAULT_CODE_DIM),
                or(cb.commitment(), VqVaeConfig.DEFAULT_COMMITMENT),
                or(cb.emaDecay(), VqVaeConfig.DEFAULT_EMA_DECAY),
                or(cb.deadCodeSteps(), VqVaeConfig.DEFAULT_DEAD_CODE_STEPS),
                s.likelihood(), s.sigma(), s.binarization());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public GenerativeModel create(VqVaeConfig config, long seed) {
        return VqVaeModel.create(config, seed);
    }

    @Override
    public GenerativeModel read(VqVaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return VqVaeModel.read(config, in, device);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new VqVaeStep((VqVaeModel) model, options);
    }
}
