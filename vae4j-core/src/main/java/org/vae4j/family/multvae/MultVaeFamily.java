package org.vae4j.family.multvae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.family.InvalidSpecException;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * Mult-VAE ({@code multvae}) or Mult-DAE ({@code multdae}) as a registered family: one class, two
 * instances, one configuration type whose {@code variational} flag tells them apart.
 */
public final class MultVaeFamily implements ModelFamily<MultVaeConfig> {

    private final boolean variational;

    /**
     * Creates the registration of one of the two.
     *
     * @param variational Mult-VAE (true) or Mult-DAE
     */
    public MultVaeFamily(boolean variational) {
        this.variational = variational;
    }

    @Override
    public String id() {
        return variational ? MultVaeConfig.VAE : MultVaeConfig.DAE;
    }

    @Override
    public String description() {
        return variational
                ? "Mult-VAE for recommendation (user x item data; vae4j recommend train)"
                : "Mult-DAE for recommendation (user x item data; vae4j recommend train)";
    }

    @Override
    public Class<MultVaeConfig> configType() {
        return MultVaeConfig.class;
    }

    @Override
    public MultVaeConfig configure(NetworkSpec spec) {
        throw new InvalidSpecException("family", "the " + id() + " family learns from user x"
                + " item data, not images: train it with vae4j recommend train");
    }

    @Override
    public GenerativeModel create(MultVaeConfig config, long seed) {
        return MultVaeModel.create(config, seed);
    }

    @Override
    public GenerativeModel read(MultVaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return MultVaeModel.read(config, in, device);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new MultVaeStep((MultVaeModel) model, options);
    }
}
