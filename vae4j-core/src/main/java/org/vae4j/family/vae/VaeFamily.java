package org.vae4j.family.vae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.Architecture;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * The Gaussian VAE (Kingma &amp; Welling 2014) with MLP, conv or gated networks, optionally
 * conditional (Sohn et al. 2015), trained on the ELBO (with β, KL annealing and free bits) or the
 * IWAE bound (Burda et al. 2016). Its models ({@link VaeModel}) encode, decode, reconstruct,
 * sample and score likelihoods.
 */
public final class VaeFamily implements ModelFamily<VaeConfig> {

    @Override
    public String id() {
        return VaeConfig.FAMILY;
    }

    @Override
    public String description() {
        return "variational autoencoder (Gaussian posterior; N(0, I) or VampPrior prior)";
    }

    @Override
    public Class<VaeConfig> configType() {
        return VaeConfig.class;
    }

    @Override
    public VaeConfig configure(NetworkSpec s) {
        s.codebook().refuseFor(id());
        return new VaeConfig(s.architecture(), s.channels(), s.height(), s.width(),
                hidden(s), latent(s), s.likelihood(), s.sigma(), s.binarization(), s.classes(),
                s.logvarBounds(), s.prior());
    }

    /**
     * The spec's hidden widths, or the architecture's default (PyTorch's 400 for the MLPs,
     * Keras' 32, 64, 16 for conv).
     *
     * @param s the spec
     * @return the widths
     */
    public static List<Integer> hidden(NetworkSpec s) {
        if (s.hidden() != null) {
            return s.hidden();
        }
        return s.architecture() == Architecture.CONV
                ? VaeConfig.DEFAULT_CONV_HIDDEN : VaeConfig.DEFAULT_HIDDEN;
    }

    /**
     * The spec's latent size, or the architecture's default (20 for the MLPs, 2 for conv).
     *
     * @param s the spec
     * @return L
     */
    public static int latent(NetworkSpec s) {
        if (s.latentDim() != null) {
            return s.latentDim();
        }
        return s.architecture() == Architecture.CONV
                ? VaeConfig.DEFAULT_CONV_LATENT : VaeConfig.DEFAULT_LATENT;
    }

    @Override
    public GenerativeModel create(VaeConfig config, long seed) {
        return VaeModel.create(config, seed);
    }

    @Override
    public GenerativeModel read(VaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return VaeModel.readParameters(config, in, device);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new VaeStep((VaeModel) model, options);
    }
}
