package org.vae4j.family.ae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vae4j.model.Networks;

/**
 * A plain autoencoder as one DJL block: encoder {@code x [B, D] -> z [B, L]} (the VAE's network
 * with an L-unit head), decoder {@code z [B, L] -> logits [B, D]} (the VAE's decoder). {@link
 * #forward} returns {@code (z [B, L], logits [B, D])}; nothing is sampled.
 */
public final class AeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final AeConfig config;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    /**
     * Builds the (uninitialised) networks.
     *
     * @param config the configuration
     */
    public AeBlock(AeConfig config) {
        super(VERSION);
        this.config = config;
        this.encoder = addChildBlock("encoder",
                Networks.encoder(config.network(), config.latentDim()));
        this.decoder = addChildBlock("decoder", Networks.decoder(config.network()));
    }

    /**
     * The code of each image.
     *
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param training whether gradients are recorded
     * @return {@code z [B, L]}
     */
    public NDArray encode(ParameterStore ps, NDArray x, boolean training) {
        return encoder.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * The logits of each code's image.
     *
     * @param ps the parameter store
     * @param z codes {@code [B, L]}
     * @param training whether gradients are recorded
     * @return {@code [B, D]}
     */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        return decoder.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0).reshape(inputs.get(0).getShape().get(0), config.inputSize());
        NDArray z = encode(ps, x, training);
        return new NDList(z, decode(ps, z, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, config.latentDim()), new Shape(b, config.inputSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, config.inputSize()));
        decoder.initialize(manager, dataType, new Shape(b, config.latentDim()));
    }
}
