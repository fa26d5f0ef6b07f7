package org.vae4j.family.multvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.vae4j.model.Scalars;

/**
 * The Mult-VAE / Mult-DAE network as one DJL block. Input {@code x [B, I]} (a user's items); the
 * input is L2-normalised per row, {@code x / max(‖x‖₂, 1e-12)}, then (in training) each value is
 * dropped with probability p and the rest scaled by {@code 1/(1-p)}. The encoder {@code I → h₁ →
 * … → (μ, log σ²) [B, 2L]} (VAE) or {@code → z [B, L]} with tanh (DAE); the decoder {@code z → … →
 * logits [B, I]}, tanh between layers, none on the logits. {@link #forward} returns {@code
 * (logits, μ, log σ²)} for the VAE, with {@code z = μ + σ·ε} in training and {@code z = μ}
 * otherwise, and {@code (logits)} for the DAE.
 */
public final class MultVaeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final MultVaeConfig config;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    /**
     * Builds the (uninitialised) networks.
     *
     * @param config the configuration
     */
    public MultVaeBlock(MultVaeConfig config) {
        super(VERSION);
        this.config = config;
        SequentialBlock enc = new SequentialBlock();
        for (int h : config.hidden()) {
            enc.add(Linear.builder().setUnits(h).build()).add(Activation.tanhBlock());
        }
        int out = config.variational() ? 2 * config.latentDim() : config.latentDim();
        enc.add(Linear.builder().setUnits(out).build());
        if (!config.variational()) {
            enc.add(Activation.tanhBlock());
        }
        SequentialBlock dec = new SequentialBlock();
        List<Integer> hidden = config.hidden();
        for (int i = hidden.size() - 1; i >= 0; i--) {
            dec.add(Linear.builder().setUnits(hidden.get(i)).build()).add(Activation.tanhBlock());
        }
        dec.add(Linear.builder().setUnits(config.items()).build());
        this.encoder = addChildBlock("encoder", enc);
        this.decoder = addChildBlock("decoder", dec);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray norm = x.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
        NDArray in = x.div(norm);
        if (training && config.dropout() > 0) {
            float keep = (float) (1 - config.dropout());
            NDArray mask = x.getManager().randomUniform(0f, 1f, x.getShape()).lt(keep)
                    .toType(DataType.FLOAT32, false);
            in = in.mul(mask).mul(Scalars.of(in, 1 / keep));
        }
        NDArray h = encoder.forward(ps, new NDList(in), training).singletonOrThrow();
        if (!config.variational()) {
            return new NDList(decoder.forward(ps, new NDList(h), training).singletonOrThrow());
        }
        int l = config.latentDim();
        NDArray mu = h.get(new NDIndex(":, :{}", l));
        NDArray logvar = h.get(new NDIndex(":, {}:", l));
        NDArray z = mu;
        if (training) {
            NDArray eps = x.getManager().randomNormal(mu.getShape());
            z = mu.add(logvar.mul(Scalars.of(logvar, 0.5)).exp().mul(eps));
        }
        NDArray logits = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
        return new NDList(logits, mu, logvar);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape logits = new Shape(b, config.items());
        if (!config.variational()) {
            return new Shape[] {logits};
        }
        Shape code = new Shape(b, config.latentDim());
        return new Shape[] {logits, code, code};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, config.items()));
        decoder.initialize(manager, dataType, new Shape(b, config.latentDim()));
    }
}
