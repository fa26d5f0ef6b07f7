package org.vae4j.family.pixelcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution with a fixed 0/1 mask on its weight, so the masked taps neither contribute
 * nor learn: {@code y = conv(x, W ⊙ M) + b}, stride 1,
 * "same" padding. Input {@code [B, in, h, w]}, output {@code [B, out, h, w]}.
 *
 * <p>The masks of the gated PixelCNN (kernel {@code kh × kw}, centre {@code (ch, cw)}):
 * <ul>
 *   <li>{@link Mask#NONE}: every tap (the 1×1 convolutions);
 *   <li>{@link Mask#VERTICAL_A}: rows above the centre only ({@code dy < 0}, every column): the
 *       first layer's vertical stack, which must not see its own row;
 *   <li>{@link Mask#VERTICAL_B}: rows up to the centre ({@code dy ≤ 0}): later layers, whose
 *       input row already depends on earlier rows only;
 *   <li>{@link Mask#HORIZONTAL_A}: the same row, columns left of the centre ({@code dx < 0});
 *   <li>{@link Mask#HORIZONTAL_B}: the same row, columns up to the centre ({@code dx ≤ 0}).
 * </ul>
 * Every mask keeps a corner block of the kernel (rows {@code [0, R)}, columns {@code [0, C)}),
 * so the forward pass convolves with that block only rather than with {@code W ⊙ M}: with the
 * full kernel's padding {@code (kh/2, kw/2)}, tap {@code (r, c)} of the block meets the same
 * input cell as tap {@code (r, c)} of the full kernel, and the output's first {@code h × w}
 * cells are {@code conv(x, W ⊙ M)}'s. A 3×3 vertical B convolution then computes 6 taps instead
 * of 9 (plus one padding row), a 1×3 horizontal B one 2 instead of 3: the masked taps cost
 * nothing, and still neither contribute nor learn. The stored weight keeps its full {@code kh ×
 * kw} shape, so saved priors read as before; {@link #mask} says which taps count.
 */
final class MaskedConv extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Which taps a convolution keeps. */
    enum Mask { NONE, VERTICAL_A, VERTICAL_B, HORIZONTAL_A, HORIZONTAL_B }

    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final float[] mask;
    private final int keptRows;
    private final int keptCols;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the (uninitialised) parameters.
     *
     * @param in input channels
     * @param out output channels
     * @param kh kernel height, odd
     * @param kw kernel width, odd
     * @param type the mask
     */
    MaskedConv(int in, int out, int kh, int kw, Mask type) {
        super(VERSION);
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.mask = type == Mask.NONE ? null : mask(kh, kw, type);
        this.keptRows = switch (type) {
            case NONE -> kh;
            case VERTICAL_A -> kh / 2;
            case VERTICAL_B -> kh / 2 + 1;
            case HORIZONTAL_A, HORIZONTAL_B -> kh == 1 ? 1 : 0; // 0: no corner block, mask
        };
        this.keptCols = switch (type) {
            case NONE, VERTICAL_A, VERTICAL_B -> kw;
            case HORIZONTAL_A -> kw / 2;
            case HORIZONTAL_B -> kw / 2 + 1;
        };
        weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in, kh, kw)).build());
        bias = addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
    }

    /**
     * The mask of one kernel, {@code kh·kw} values row-major: 1 where a tap is kept.
     *
     * @param kh kernel height
     * @param kw kernel width
     * @param type the mask
     * @return the mask
     */
    static float[] mask(int kh, int kw, Mask type) {
        float[] m = new float[kh * kw];
        int ch = kh / 2;
        int cw = kw / 2;
        for (int r = 0; r < kh; r++) {
            for (int c = 0; c < kw; c++) {
                boolean keep = switch (type) {
                    case NONE -> true;
                    case VERTICAL_A -> r < ch;
                    case VERTICAL_B -> r <= ch;
                    case HORIZONTAL_A -> r == ch && c < cw;
                    case HORIZONTAL_B -> r == ch && c <= cw;
                };
                m[r * kw + c] = keep ? 1f : 0f;
            }
        }
        return m;
    }

    /**
     * The convolution.
     *
     * @param ps the parameter store
     * @param x {@code [B, in, h, w]}
     * @param training whether gradients are recorded
     * @return {@code [B, out, h, w]}
     */
    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        Shape padding = new Shape(kh / 2, kw / 2);
        if (mask == null) {
            return Conv2d.conv2d(x, w, b, new Shape(1, 1), padding, new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
        if (keptRows == 0 || keptCols == 0) {
            // A horizontal mask on a kernel taller than one row keeps no corner block: mask the
            // whole kernel. First the mask: a product is attached to its left operand's
            // manager, and the weight lives on the model's, which would keep every step's copy.
            w = x.getManager().create(mask, new Shape(1, 1, kh, kw)).mul(w);
            return Conv2d.conv2d(x, w, b, new Shape(1, 1), padding, new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        NDArray block = w.get(":, :, 0:" + keptRows + ", 0:" + keptCols);
        // The slice joins its source's manager, the model's, which would keep every step's
        // copy until the model closes (3 GB after one epoch): it belongs to the step's.
        block.attach(x.getManager());
        NDArray y = Conv2d.conv2d(x, block, b, new Shape(1, 1), padding, new Shape(1, 1), 1)
                .singletonOrThrow();
        // The block is shorter (narrower) than the kernel, so "same" padding leaves extra
        // cells at the bottom (right) that see only padding and later cells: drop them.
        return y.get(":, :, 0:" + h + ", 0:" + wd);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // No children; the parameters' shapes are fixed in the constructor.
    }

    @Override
    public String toString() {
        return "MaskedConv(" + in + "->" + out + ", " + kh + "x" + kw + ")";
    }
}
