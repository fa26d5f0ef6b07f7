package org.vae4j.family.ae;

import java.util.List;
import org.vae4j.data.Binarization;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.VaeConfig;

/**
 * A plain autoencoder's configuration: the network of a VAE of the same shape, with a code of
 * {@code latentDim} units instead of a mean and a log-variance, and the same likelihoods as its
 * reconstruction loss (Bernoulli: binary cross-entropy; Gaussian: squared error / 2σ²).
 *
 * @param architecture mlp, conv or gated
 * @param channels image channels C
 * @param height image height H
 * @param width image width W
 * @param hidden hidden widths, as for {@link VaeConfig#hidden()}
 * @param latentDim the code size L
 * @param likelihood the reconstruction loss (not {@link Likelihood#GAUSSIAN_LEARNED}: the
 *     autoencoder learns no σ)
 * @param sigma σ of the Gaussian losses
 * @param binarization how pixels become targets
 */
public record AeConfig(
        Architecture architecture,
        int channels,
        int height,
        int width,
        List<Integer> hidden,
        int latentDim,
        Likelihood likelihood,
        double sigma,
        Binarization binarization) implements ModelConfig {

    /** The family id in {@code config.json}. */
    public static final String FAMILY = "ae";

    /** Checks every value (through the network's own checks); messages name the bad value. */
    public AeConfig {
        if (likelihood == Likelihood.GAUSSIAN_LEARNED) {
            throw new IllegalArgumentException("likelihood gaussian-learned needs a learned sigma,"
                    + " which the autoencoder does not have: use bernoulli, gaussian or"
                    + " gaussian-identity");
        }
        hidden = hidden == null ? null : List.copyOf(hidden);
        new VaeConfig(architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization);
    }

    /**
     * The network as a (plain) VAE configuration of the same shape: what {@code Networks} builds
     * encoders and decoders from, and what the reconstruction loss reads its likelihood from.
     *
     * @return the network
     */
    public VaeConfig network() {
        return new VaeConfig(architecture, channels, height, width, hidden, latentDim, likelihood,
                sigma, binarization);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String summary() {
        return "autoencoder " + architecture.id() + " " + inputSize() + "-" + hidden + "-"
                + latentDim + ", " + likelihood.id() + " reconstruction loss";
    }
}
