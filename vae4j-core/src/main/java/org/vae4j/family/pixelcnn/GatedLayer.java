package org.vae4j.family.pixelcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vae4j.family.pixelcnn.MaskedConv.Mask;

/**
 * One gated layer of the PixelCNN (van den Oord et al. 2016, fig. 2), F channels in and out:
 * <pre>
 *   a_v = conv_v(v) + c            (k×k, mask VERTICAL_A in the first layer, else VERTICAL_B)
 *   v'  = tanh(a_v[:F]) ⊙ σ(a_v[F:])
 *   a_h = conv_h(h) + conv_1x1(a_v) + c   (1×k, mask HORIZONTAL_A / HORIZONTAL_B)
 *   h'  = conv_1x1(tanh(a_h[:F]) ⊙ σ(a_h[F:])) + h      (no residual in the first layer)
 * </pre>
 * where {@code c = y·V} is the class-conditional bias {@code [B, 2F, 1, 1]} of a one-hot label
 * {@code y}. The vertical stack at row i sees rows above i only (the first layer's mask A
 * removes row i, later layers add nothing below), so feeding it to the horizontal stack at the
 * same position leaks nothing, and it spans every column: the original PixelCNN's blind spot
 * (cells up and to the right) is gone. The first layer has no residual: its input at a cell is
 * that cell's own code.
 */
final class GatedLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final boolean first;
    private final MaskedConv vertical;
    private final MaskedConv horizontal;
    private final MaskedConv verticalToHorizontal;
    private final MaskedConv horizontalOut;
    private final Parameter classBias;

    /**
     * Creates the (uninitialised) layer.
     *
     * @param filters F
     * @param kernel k, odd
     * @param first whether this is the first layer (mask A, no residual)
     * @param classes K of a conditional prior, 0 for none
     */
    GatedLayer(int filters, int kernel, boolean first, int classes) {
        super(VERSION);
        this.filters = filters;
        this.first = first;
        vertical = addChildBlock("vertical", new MaskedConv(filters, 2 * filters, kernel, kernel,
                first ? Mask.VERTICAL_A : Mask.VERTICAL_B));
        horizontal = addChildBlock("horizontal", new MaskedConv(filters, 2 * filters, 1, kernel,
                first ? Mask.HORIZONTAL_A : Mask.HORIZONTAL_B));
        verticalToHorizontal = addChildBlock("v2h",
                new MaskedConv(2 * filters, 2 * filters, 1, 1, Mask.NONE));
        horizontalOut = addChildBlock("h_out", new MaskedConv(filters, filters, 1, 1, Mask.NONE));
        classBias = classes == 0 ? null : addParameter(Parameter.builder().setName("class_bias")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(classes, 2 * filters))
                .build());
    }

    /**
     * The layer.
     *
     * @param ps the parameter store
     * @param v the vertical stack {@code [B, F, h, w]}
     * @param h the horizontal stack {@code [B, F, h, w]}
     * @param y one-hot labels {@code [B, classes]}, or null for an unconditional prior
     * @param training whether gradients are recorded
     * @return {@code (v', h')}, each {@code [B, F, h, w]}
     */
    NDList apply(ParameterStore ps, NDArray v, NDArray h, NDArray y, boolean training) {
        NDArray av = vertical.apply(ps, v, training);
        NDArray c = null;
        if (classBias != null) {
            NDArray table = ps.getValue(classBias, v.getDevice(), training);
            c = y.matMul(table).reshape(y.getShape().get(0), 2L * filters, 1, 1);
            av = av.add(c);
        }
        NDArray ah = horizontal.apply(ps, h, training)
                .add(verticalToHorizontal.apply(ps, av, training));
        if (c != null) {
            ah = ah.add(c);
        }
        NDArray hOut = horizontalOut.apply(ps, gate(ah), training);
        return new NDList(gate(av), first ? hOut : hOut.add(h));
    }

    /** {@code tanh(a[:, :F]) ⊙ σ(a[:, F:])}: {@code [B, 2F, h, w] -> [B, F, h, w]}. */
    private static NDArray gate(NDArray a) {
        NDList halves = a.split(2, 1);
        return halves.get(0).tanh().mul(Activation.sigmoid(halves.get(1)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return apply(ps, inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null,
                training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape two = new Shape(s.get(0), 2L * filters, s.get(2), s.get(3));
        vertical.initialize(manager, dataType, s);
        horizontal.initialize(manager, dataType, s);
        verticalToHorizontal.initialize(manager, dataType, two);
        horizontalOut.initialize(manager, dataType, s);
    }
}
