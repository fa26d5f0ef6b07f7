package org.vae4j.eval.quality;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The domain classifier's network, LeNet-5's shape (LeCun et al. 1998) with batch norm and
 * dropout: two 5×5 convolutions each followed by batch norm, ReLU and 2×2 max-pooling, then dense
 * layers of 120 and {@value #FEATURES} units and the K logits. The first convolution is padded
 * (28×28 → 28×28 → pooled 14×14), the second, as in LeNet, not (→ 10×10 → 5×5) unless the
 * image is smaller than 16×16; so any image of at least 4×4 fits.
 *
 * <pre>
 *   [B, C·H·W] → [B, C, H, W] → conv 5×5 c, BN, ReLU, pool → conv 5×5 2c, BN, ReLU, pool
 *             → flatten → dropout, dense 120, BN, ReLU → dropout, dense 84, ReLU   (features)
 *             → dense K                                                          (logits)
 * </pre>
 *
 * The features are the penultimate layer, after its ReLU: what the metrics compare.
 */
final class LeNet {

    /** Width of the penultimate layer. */
    static final int FEATURES = 84;

    /** Width of the first dense layer. */
    static final int HIDDEN = 120;

    private LeNet() {}

    /** The feature extractor: {@code [B, C·H·W] → [B, 84]}. */
    static SequentialBlock features(int channels, int height, int width,
            ClassifierOptions o) {
        if (height < 4 || width < 4) {
            throw new IllegalArgumentException("the classifier needs images of at least 4x4, got "
                    + height + "x" + width);
        }
        int c = o.convChannels();
        float p = (float) o.dropout();
        SequentialBlock b = new SequentialBlock();
        b.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow()
                .reshape(-1, channels, height, width)), "reshape"));
        convolution(b, c, 2);
        // LeNet's second convolution is unpadded (14×14 → 10×10 on 28×28 images, 2.5× fewer
        // multiply-adds than padded); images too small for that keep their size.
        convolution(b, 2 * c, Math.min(height, width) / 2 >= 8 ? 0 : 2);
        b.add(Blocks.batchFlattenBlock());
        b.add(Dropout.builder().optRate(p).build());
        b.add(Linear.builder().setUnits(HIDDEN).build());
        b.add(BatchNorm.builder().build());
        b.add(Activation.reluBlock());
        b.add(Dropout.builder().optRate(p).build());
        b.add(Linear.builder().setUnits(FEATURES).build());
        b.add(Activation.reluBlock());
        return b;
    }

    /** The last layer: {@code [B, 84] → [B, K]} logits. */
    static Linear head(int classes) {
        return Linear.builder().setUnits(classes).build();
    }

    private static void convolution(SequentialBlock b, int filters, int padding) {
        b.add(Conv2d.builder().setKernelShape(new Shape(5, 5))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters).build());
        b.add(BatchNorm.builder().build());
        b.add(Activation.reluBlock());
        b.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
}
