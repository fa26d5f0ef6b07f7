package org.vae4j.model;

import ai.djl.nn.Block;
import org.vae4j.engine.Precision;

/**
 * Switches a model's layers between fp32 and bf16 ({@link Precision}). The switch changes how
 * the layers compute, never their parameters: it is a run-time choice, not part of the model, and
 * a saved model is the same file either way.
 *
 * <p>Layers that can compute in bf16: the linear layers and stride-2 convolutions of {@link
 * Networks} (MLP and conv VAEs, autoencoders) and every {@link TransposedConv2d}. Layers of other
 * kinds (PixelCNN's masked convolutions, LeNet's) stay fp32.
 */
public final class Precisions {

    private Precisions() {}

    /**
     * Sets the precision of every bf16-capable layer under {@code root}.
     *
     * @param root a model's block
     * @param precision the format; {@link Precision#AUTO} is resolved for this machine's CPU
     * @return how many layers were switched
     */
    public static int apply(Block root, Precision precision) {
        return walk(root, precision.resolve());
    }

    private static int walk(Block block, Precision p) {
        int n = 0;
        if (block instanceof PrecisionLayer layer) {
            layer.setPrecision(p);
            n++;
        }
        for (Block child : block.getChildren().values()) {
            n += walk(child, p);
        }
        return n;
    }
}
