package org.vae4j.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vae4j.engine.Precision;

/**
 * The conv encoder's layer: DJL's {@link Conv2d} with a 3×3 kernel, stride 2 and padding 1,
 * {@code [B, Cin, H, W] -> [B, filters, H/2, W/2]}, that can convolve in bf16 ({@link
 * Precisions}) through the TorchScript module {@code conv2d_s2_bf16} (see {@link MixedLinear} for
 * how, and why a subclass).
 */
final class MixedConv2d extends Conv2d implements PrecisionLayer {

    private volatile Precision precision = Precision.FP32;

    /**
     * Creates the layer.
     *
     * @param filters output channels
     */
    MixedConv2d(int filters) {
        super(Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)));
    }

    @Override
    public void setPrecision(Precision p) {
        precision = p;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (precision != Precision.BF16) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        return TorchModules.forward("conv2d_s2_bf16", ps, inputs.singletonOrThrow(), weight, bias,
                training);
    }
}
