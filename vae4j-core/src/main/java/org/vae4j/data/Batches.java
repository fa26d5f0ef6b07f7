package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Preprocessing of input batches: binarization. */
public final class Batches {

    private Batches() {}

    /**
     * Applies the per-use part of a binarization: for {@link Binarization#DYNAMIC}, draws each
     * pixel as Bernoulli(x) from the engine's generator; other modes return {@code x} unchanged
     * (static thresholding is applied once to the data set, see {@link #prepare}).
     *
     * @param x pixels in [0, 1] {@code [B, D]}
     * @param binarization the mode
     * @return the targets {@code [B, D]}
     */
    public static NDArray binarize(NDArray x, Binarization binarization) {
        if (binarization != Binarization.DYNAMIC) {
            return x;
        }
        NDArray u = x.getManager().randomUniform(0f, 1f, x.getShape());
        return u.lt(x).toType(DataType.FLOAT32, false);
    }

    /**
     * Applies the once-per-data-set part of a binarization.
     *
     * @param images the data
     * @param binarization the mode
     * @return thresholded images for {@link Binarization#STATIC}, else {@code images}
     */
    public static ImageSet prepare(ImageSet images, Binarization binarization) {
        return binarization == Binarization.STATIC ? images.binarizedStatic() : images;
    }
}
