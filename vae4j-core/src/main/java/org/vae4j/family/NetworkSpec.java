package org.vae4j.family;

import java.util.List;
import org.vae4j.data.Binarization;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.model.LogVarBounds;
import org.vae4j.model.PriorConfig;

/**
 * The network settings every family is asked to build a configuration from (the shared flags of
 * {@code vae4j train}): a family takes what applies to it and refuses, with the field in its
 * message, a setting it cannot honour.
 *
 * @param architecture mlp, conv or gated
 * @param channels image channels C
 * @param height image height H
 * @param width image width W
 * @param hidden layer widths, or null for the architecture's default
 * @param latentDim the code size, or null for the architecture's default
 * @param likelihood the decoder's observation model
 * @param sigma the Gaussian likelihoods' standard deviation
 * @param binarization how pixels become targets
 * @param classes K for a conditional model, 0 for none
 * @param logvarBounds the encoder's log-variance clamp, or null
 * @param prior the latent prior, or null for the standard normal
 * @param codebook the codebook settings ({@link CodebookSpec#NONE} when none is given)
 */
public record NetworkSpec(
        Architecture architecture,
        int channels,
        int height,
        int width,
        List<Integer> hidden,
        Integer latentDim,
        Likelihood likelihood,
        double sigma,
        Binarization binarization,
        int classes,
        LogVarBounds logvarBounds,
        PriorConfig prior,
        CodebookSpec codebook) {

    /** Reads a missing codebook as none given. */
    public NetworkSpec {
        codebook = codebook == null ? CodebookSpec.NONE : codebook;
    }

    /**
     * A spec with the standard normal prior and no codebook.
     *
     * @param architecture mlp, conv or gated
     * @param channels C
     * @param height H
     * @param width W
     * @param hidden layer widths, or null for the default
     * @param latentDim the code size, or null for the default
     * @param likelihood the observation model
     * @param sigma the Gaussian likelihoods' standard deviation
     * @param binarization how pixels become targets
     * @param classes K for a conditional model, 0 for none
     * @param logvarBounds the log-variance clamp, or null
     */
    public NetworkSpec(Architecture architecture, int channels, int height, int width,
            List<Integer> hidden, Integer latentDim, Likelihood likelihood, double sigma,
            Binarization binarization, int classes, LogVarBounds logvarBounds) {
        this(architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, classes, logvarBounds, null, null);
    }
}
