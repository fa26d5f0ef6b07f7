package org.vae4j.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;
import java.util.List;

/**
 * Builds the encoder and decoder networks of a {@link VaeConfig}. Both take and return flat
 * images {@code [B, D]}, so the ELBO and everything downstream do not depend on the
 * architecture: the encoder maps {@code [B, D] -> [B, 2L]} (μ and log σ² side by side), the
 * decoder {@code [B, L] -> [B, D]} logits. A conditional config ({@link VaeConfig#classes()}
 * {@code K > 0}) widens the inputs: the encoder takes {@code [B, D + K]} (MLP) or {@code [B, (C +
 * K)·H·W]} (conv), the decoder {@code [B, L + K]}; {@link VaeBlock} builds them.
 *
 * <p>Every layer is initialised like its PyTorch counterpart (weights and biases from {@code
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn))}), so results are comparable with the PyTorch baselines.
 */
public final class Networks {

    private Networks() {}

    /**
     * The VAE's encoder {@code [B, D] -> [B, 2L]} (μ and log σ² side by side).
     *
     * @param c the network
     * @return the encoder
     */
    public static SequentialBlock encoder(VaeConfig c) {
        return encoder(c, 2 * c.latentDim());
    }

    /**
     * An encoder {@code [B, D] -> [B, head]}: the network of {@code c} with a linear head of
     * {@code head} units (2L for a VAE's μ and log σ², L for an autoencoder's code).
     *
     * @param c the network
     * @param head units of the last layer
     * @return the encoder
     */
    public static SequentialBlock encoder(VaeConfig c, int head) {
        Network n = c.network();
        return n instanceof ConvNetwork conv ? convEncoder(c, conv, head)
                : mlpEncoder(c, (MlpNetwork) n, head);
    }

    /**
     * The decoder {@code [B, L + K] -> [B, D]} (logits).
     *
     * @param c the network
     * @return the decoder
     */
    public static SequentialBlock decoder(VaeConfig c) {
        Network n = c.network();
        return n instanceof ConvNetwork conv ? convDecoder(c, conv) : mlpDecoder(c, (MlpNetwork) n);
    }

    // The MLP layout must stay exactly as it is: saved parameter files list the blocks in order.
    private static SequentialBlock mlpEncoder(VaeConfig c, MlpNetwork net, int head) {
        boolean gated = net.gated();
        SequentialBlock enc = new SequentialBlock();
        int in = c.inputSize() + c.classes();
        for (int h : net.hidden()) {
            hiddenLayer(enc, h, in, gated);
            in = h;
        }
        return enc.add(linear(head, in));
    }

    private static SequentialBlock mlpDecoder(VaeConfig c, MlpNetwork net) {
        boolean gated = net.gated();
        List<Integer> hidden = net.hidden();
        SequentialBlock dec = new SequentialBlock();
        int in = c.latentDim() + c.classes();
        for (int i = hidden.size() - 1; i >= 0; i--) {
            hiddenLayer(dec, hidden.get(i), in, gated);
            in = hidden.get(i);
        }
        return dec.add(linear(c.inputSize(), in));
    }

    /**
     * Keras' VAE encoder, generalised: {@code [B, C, H, W]}, then per channel width a 3×3 conv
     * with stride 2 and padding 1 (halving H and W) and ReLU, then flatten, a dense ReLU layer,
     * and the linear μ/log σ² head.
     */
    private static SequentialBlock convEncoder(VaeConfig c, ConvNetwork net, int head) {
        SequentialBlock enc = new SequentialBlock();
        // A conditional model's one-hot label arrives as K constant extra channels.
        int in = c.channels() + c.classes();
        enc.add(reshape(-1, in, c.height(), c.width()));
        for (int ch : net.channels()) {
            enc.add(conv(ch, in)).add(Activation.reluBlock());
            in = ch;
        }
        int flat = in * net.bottomHeight() * net.bottomWidth();
        enc.add(Blocks.batchFlattenBlock())
                .add(linear(net.denseUnits(), flat))
                .add(Activation.reluBlock());
        return enc.add(linear(head, net.denseUnits()));
    }

    /**
     * The mirror image: a dense ReLU layer to the encoder's last feature map, then per channel
     * width in reverse a stride-2 transposed convolution (doubling H and W) and ReLU, then a 3×3
     * stride-1 transposed convolution to C channels of logits.
     */
    private static SequentialBlock convDecoder(VaeConfig c, ConvNetwork net) {
        List<Integer> channels = net.channels();
        int last = channels.get(channels.size() - 1);
        SequentialBlock dec = new SequentialBlock();
        dec.add(linear(last * net.bottomHeight() * net.bottomWidth(),
                c.latentDim() + c.classes()))
                .add(Activation.reluBlock())
                .add(reshape(-1, last, net.bottomHeight(), net.bottomWidth()));
        for (int i = channels.size() - 1; i >= 0; i--) {
            dec.add(new TransposedConv2d(channels.get(i), 2)).add(Activation.reluBlock());
        }
        // Keras and the PyTorch peer end with a stride-1 transposed conv too (see
        // TransposedConv2d for why not the equivalent plain conv).
        dec.add(new TransposedConv2d(c.channels(), 1));
        return dec.add(reshape(-1, c.inputSize()));
    }

    /**
     * A transposed 3×3 convolution with padding 1 (see {@link TransposedConv2d}): stride 2
     * doubles H and W, {@code [B, Cin, H, W] -> [B, filters, 2H, 2W]}; stride 1 keeps them.
     *
     * @param filters output channels
     * @param stride 1 or 2
     * @return the uninitialised layer
     */
    public static Block transposedConv(int filters, int stride) {
        return new TransposedConv2d(filters, stride);
    }

    /** A hidden layer: {@code ReLU(W x + b)}, or the gated {@code (W x + b) ⊙ σ(V x + c)}. */
    private static void hiddenLayer(SequentialBlock net, int units, int fanIn, boolean gated) {
        if (gated) {
            net.add(gated(units, fanIn));
        } else {
            net.add(linear(units, fanIn)).add(Activation.reluBlock());
        }
    }

    /**
     * A gated linear unit {@code [B, fanIn] -> [B, units]}: {@code (W x + b) ⊙ σ(V x + c)}, two
     * linear layers side by side (value first, gate second) joined by the product.
     */
    static Block gated(int units, int fanIn) {
        return new ParallelBlock(
                outs -> new NDList(outs.get(0).singletonOrThrow()
                        .mul(Activation.sigmoid(outs.get(1).singletonOrThrow()))),
                List.of(linear(units, fanIn), linear(units, fanIn)));
    }

    // Mixed-precision subclasses of DJL's layers: the same parameters and files (Precisions).
    private static Linear linear(int units, int fanIn) {
        Linear layer = new MixedLinear(units);
        layer.setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), p -> true);
        return layer;
    }

    private static Conv2d conv(int filters, int fanInChannels) {
        Conv2d layer = new MixedConv2d(filters);
        layer.setInitializer(
                new UniformInitializer((float) (1.0 / Math.sqrt(fanInChannels * 9.0))), p -> true);
        return layer;
    }

    private static Block reshape(long... shape) {
        Shape s = new Shape(shape);
        return LambdaBlock.singleton(x -> x.reshape(s), "reshape");
    }
}
