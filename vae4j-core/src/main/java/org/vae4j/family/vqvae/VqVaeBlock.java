package org.vae4j.family.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.Networks;

/**
 * The VQ-VAE's networks and codebook as one DJL block (shapes in {@link VqVaeConfig}): {@link
 * #encode} {@code x [B, C·H·W] -> z_e [B, D, h, w]}, the {@link Codebook}, and {@link #decode}
 * {@code z_q [B, D, h, w] -> l [B, C·H·W]}. Quantisation is the step's and the model's business
 * (it needs the codebook's state); {@link #forward} is the continuous round trip without it.
 */
final class VqVaeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final VqVaeConfig config;
    private final SequentialBlock encoder;
    private final Codebook codebook;
    private final SequentialBlock decoder;

    /**
     * Builds the (uninitialised) block.
     *
     * @param config the configuration
     */
    VqVaeBlock(VqVaeConfig config) {
        super(VERSION);
        this.config = config;
        int h = config.hidden().get(0);
        int r = config.hidden().get(1);
        int c = config.channels();
        SequentialBlock enc = new SequentialBlock()
                .add(reshape(-1, c, config.height(), config.width()))
                .add(conv(h / 2, c, 4, 2, true)).add(Activation.reluBlock())
                .add(conv(h, h / 2, 4, 2, true)).add(Activation.reluBlock())
                .add(conv(h, h, 3, 1, true))
                .add(residual(h, r)).add(residual(h, r)).add(Activation.reluBlock())
                .add(conv(config.codeDim(), h, 1, 1, true));
        this.encoder = addChildBlock("encoder", enc);
        this.codebook = addChildBlock("codebook",
                new Codebook(config.codebookSize(), config.codeDim(), !config.ema()));
        SequentialBlock dec = new SequentialBlock()
                .add(conv(h, config.codeDim(), 3, 1, true))
                .add(residual(h, r)).add(residual(h, r)).add(Activation.reluBlock())
                .add(Networks.transposedConv(h / 2, 2)).add(Activation.reluBlock())
                .add(Networks.transposedConv(c, 2))
                .add(reshape(-1, config.inputSize()));
        this.decoder = addChildBlock("decoder", dec);
    }

    /** The reference's residual layer: {@code x + conv1×1(ReLU(conv3×3(ReLU(x))))}, no biases. */
    private static Block residual(int channels, int hidden) {
        Block branch = new SequentialBlock().add(Activation.reluBlock())
                .add(conv(hidden, channels, 3, 1, false)).add(Activation.reluBlock())
                .add(conv(channels, hidden, 1, 1, false));
        return new ParallelBlock(outs -> new NDList(
                outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(branch, Blocks.identityBlock()));
    }

    /**
     * A square convolution with "same"-style padding ({@code (k - 1) / 2}, and 1 for the 4×4
     * stride-2 layers, which then halve H and W exactly), initialised as PyTorch's default
     * {@code U(±1/sqrt(fanIn))}.
     */
    private static Conv2d conv(int filters, int inChannels, int kernel, int stride,
            boolean bias) {
        int pad = kernel == 4 ? 1 : (kernel - 1) / 2;
        Conv2d layer = Conv2d.builder().setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad)).optBias(bias).build();
        layer.setInitializer(new UniformInitializer(
                (float) (1.0 / Math.sqrt(inChannels * (double) kernel * kernel))), p -> true);
        return layer;
    }

    private static Block reshape(long... shape) {
        Shape s = new Shape(shape);
        return LambdaBlock.singleton(x -> x.reshape(s), "reshape");
    }

    /**
     * The encoder's and decoder's parameters (not the codebook's), in block order.
     *
     * @return the parameters an optimizer updates
     */
    List<Parameter> networkParameters() {
        List<Parameter> all = new ArrayList<>();
        for (Block b : List.of(encoder, decoder)) {
            for (Pair<String, Parameter> p : b.getParameters()) {
                all.add(p.getValue());
            }
        }
        return all;
    }

    /**
     * Returns the codebook.
     *
     * @return the codebook and its training state
     */
    Codebook codebook() {
        return codebook;
    }

    /**
     * The encoder's output before quantisation.
     *
     * @param ps the parameter store
     * @param x images {@code [B, C·H·W]}
     * @param training whether gradients are recorded
     * @return {@code z_e [B, D, h, w]}
     */
    NDArray encode(ParameterStore ps, NDArray x, boolean training) {
        return encoder.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * The decoder's outputs.
     *
     * @param ps the parameter store
     * @param zq code vectors {@code [B, D, h, w]}
     * @param training whether gradients are recorded
     * @return {@code l [B, C·H·W]}, turned into pixels by the likelihood
     */
    NDArray decode(ParameterStore ps, NDArray zq, boolean training) {
        return decoder.forward(ps, new NDList(zq), training).singletonOrThrow();
    }

    /**
     * {@code [B, D, h, w] -> [B·h·w, D]}: one row per grid cell, row-major within each image.
     *
     * @param z the map
     * @return the rows
     */
    static NDArray rows(NDArray z) {
        return z.transpose(0, 2, 3, 1).reshape(-1, z.getShape().get(1));
    }

    /**
     * {@code [B·h·w, D] -> [B, D, h, w]}, the inverse of {@link #rows}.
     *
     * @param rows the rows
     * @return the map
     */
    NDArray map(NDArray rows) {
        return rows.reshape(-1, config.gridHeight(), config.gridWidth(), config.codeDim())
                .transpose(0, 3, 1, 2);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = encode(ps, inputs.get(0), training);
        return new NDList(z, decode(ps, z, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {
            new Shape(b, config.codeDim(), config.gridHeight(), config.gridWidth()),
            new Shape(b, config.inputSize())
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, config.inputSize()));
        codebook.initialize(manager, dataType, new Shape(1, config.codeDim()));
        decoder.initialize(manager, dataType,
                new Shape(b, config.codeDim(), config.gridHeight(), config.gridWidth()));
    }
}
