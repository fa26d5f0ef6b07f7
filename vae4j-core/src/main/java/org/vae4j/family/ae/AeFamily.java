package org.vae4j.family.ae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.family.InvalidSpecException;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.family.vae.VaeFamily;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * The plain autoencoder: a network compresses each image to a low-dimensional code and a second
 * one reconstructs it, trained on reconstruction error alone (no KL, no prior). The MLP, gated
 * and conv networks of the VAE, with the same defaults.
 */
public final class AeFamily implements ModelFamily<AeConfig> {

    @Override
    public String id() {
        return AeConfig.FAMILY;
    }

    @Override
    public String description() {
        return "plain autoencoder (deterministic code, reconstruction loss only)";
    }

    @Override
    public Class<AeConfig> configType() {
        return AeConfig.class;
    }

    @Override
    public AeConfig configure(NetworkSpec s) {
        s.codebook().refuseFor(id());
        if (s.classes() > 0) {
            throw new InvalidSpecException("classes", "the autoencoder (family ae) is not conditional:"
                    + " conditional models are vae only");
        }
        if (s.logvarBounds() != null) {
            throw new InvalidSpecException("logvarBounds", "the autoencoder (family ae) has no log-variances"
                    + " to bound");
        }
        if (s.prior() != null && !s.prior().standardNormal()) {
            throw new InvalidSpecException("prior", "the autoencoder (family ae) has no latent"
                    + " prior: --prior is for the vae family");
        }
        return new AeConfig(s.architecture(), s.channels(), s.height(), s.width(),
                VaeFamily.hidden(s), VaeFamily.latent(s), s.likelihood(), s.sigma(),
                s.binarization());
    }

    @Override
    public GenerativeModel create(AeConfig config, long seed) {
        return AeModel.create(config, seed);
    }

    @Override
    public GenerativeModel read(AeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return AeModel.read(config, in, device);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new AeStep((AeModel) model, options);
    }
}
