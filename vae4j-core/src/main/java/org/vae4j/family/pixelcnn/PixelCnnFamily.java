package org.vae4j.family.pixelcnn;

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
 * The gated PixelCNN prior over a VQ-VAE's code grids: a second stage, trained on the frozen
 * encoder's indices by {@code vae4j train-prior --run RUN} and stored in {@code RUN/prior/}. Not
 * trained on images, so {@code vae4j train --family pixelcnn} is refused.
 */
public final class PixelCnnFamily implements ModelFamily<PixelCnnConfig> {

    @Override
    public String id() {
        return PixelCnnConfig.FAMILY;
    }

    @Override
    public String description() {
        return "gated PixelCNN prior over a vqvae's codes (trained by train-prior)";
    }

    @Override
    public Class<PixelCnnConfig> configType() {
        return PixelCnnConfig.class;
    }

    @Override
    public PixelCnnConfig configure(NetworkSpec spec) {
        throw new InvalidSpecException("family", "the pixelcnn prior is trained on a vqvae's codes,"
                + " not on images: train a vqvae, then vae4j train-prior --run RUN");
    }

    @Override
    public GenerativeModel create(PixelCnnConfig config, long seed) {
        return PixelCnnModel.create(config, seed);
    }

    @Override
    public GenerativeModel read(PixelCnnConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return PixelCnnModel.read(config, in, device);
    }

    @Override
    public TrainStep step(GenerativeModel model, TrainOptions options) {
        return new PixelCnnStep((PixelCnnModel) model, options);
    }
}
