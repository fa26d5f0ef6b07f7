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
import java.util.ArrayList;
import java.util.List;
import org.vae4j.family.pixelcnn.MaskedConv.Mask;

/**
 * The gated PixelCNN as one block: indices {@code [B, h·w]} (any number type) are embedded
 * ({@code E [K, F]}, giving {@code [B, F, h, w]}), which starts both the vertical and the
 * horizontal stack; {@code layers} {@link GatedLayer}s follow; the horizontal stack's output goes
 * through a 1×1 convolution, a ReLU and a 1×1 convolution to {@code K} logits: {@code [B, K, h,
 * w]}. The logits at cell {@code p} (raster order) depend on the cells before {@code p} only.
 * Forward inputs: {@code (indices)} or {@code (indices, y)} with one-hot labels {@code [B,
 * classes]} for a conditional prior.
 */
final class PixelCnnBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final PixelCnnConfig config;
    private final Parameter embedding;
    private final List<GatedLayer> layers = new ArrayList<>();
    private final MaskedConv hidden;
    private final MaskedConv output;

    /**
     * Builds the (uninitialised) network.
     *
     * @param config the configuration
     */
    PixelCnnBlock(PixelCnnConfig config) {
        super(VERSION);
        this.config = config;
        embedding = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.codebookSize(), config.filters())).build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("gated" + i,
                    new GatedLayer(config.filters(), config.kernel(), i == 0, config.classes())));
        }
        hidden = addChildBlock("head", new MaskedConv(config.filters(), config.filters(), 1, 1,
                Mask.NONE));
        output = addChildBlock("logits", new MaskedConv(config.filters(),
                config.codebookSize(), 1, 1, Mask.NONE));
    }

    /**
     * The logits of every cell.
     *
     * @param ps the parameter store
     * @param indices {@code [B, h·w]} or {@code [B, h, w]}, values in {@code [0, K)}
     * @param y one-hot labels {@code [B, classes]}, or null for an unconditional prior
     * @param training whether gradients are recorded
     * @return {@code [B, K, h, w]}
     */
    NDArray logits(ParameterStore ps, NDArray indices, NDArray y, boolean training) {
        return logits(ps, indices, y, training, config.height());
    }

    /**
     * The logits of the first {@code rows} rows of every grid, given those rows only. Equal to
     * the full grid's logits there, since no cell sees a later row: sampling row r needs the
     * network on rows {@code 0..r} only, which halves its cost on average over a grid.
     *
     * @param ps the parameter store
     * @param indices {@code [B, rows·w]}, values in {@code [0, K)}
     * @param y one-hot labels {@code [B, classes]}, or null for an unconditional prior
     * @param training whether gradients are recorded
     * @param rows the rows given, in [1, h]
     * @return {@code [B, K, rows, w]}
     */
    NDArray logits(ParameterStore ps, NDArray indices, NDArray y, boolean training, int rows) {
        long b = indices.getShape().get(0);
        int h = rows;
        int w = config.width();
        NDArray flat = indices.toType(DataType.INT64, false).reshape(-1);
        NDArray e = ps.getValue(embedding, indices.getDevice(), training);
        // One-hot times E: the gradient reaches E by matMul, which every engine supports.
        NDArray x = flat.oneHot(config.codebookSize()).matMul(e)
                .reshape(b, h, w, config.filters()).transpose(0, 3, 1, 2);
        NDArray v = x;
        NDArray hs = x;
        for (GatedLayer layer : layers) {
            NDList out = layer.apply(ps, v, hs, y, training);
            v = out.get(0);
            hs = out.get(1);
        }
        NDArray mid = Activation.relu(hidden.apply(ps, hs, training));
        return output.apply(ps, mid, training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null,
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.codebookSize(),
                config.height(), config.width())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape s = new Shape(inputShapes[0].get(0), config.filters(), config.height(),
                config.width());
        for (GatedLayer layer : layers) {
            layer.initialize(manager, dataType, s, s);
        }
        hidden.initialize(manager, dataType, s);
        output.initialize(manager, dataType, s);
    }
}
