package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants for use inside the autograd graph.
 *
 * <p>Why not {@code array.mul(0.5f)}: DJL's PyTorch engine turns the number into a tensor that
 * aliases a temporary direct ByteBuffer and closes it right after the op. When autograd saved that
 * tensor for the backward pass (as {@code mul} does), the buffer can be garbage-collected and
 * reused before {@code backward()} reads it: gradients were silently wrong now and then, and
 * training with the same seed gave different results depending on GC timing (measured: 1 run in
 * 4 differed after ~150 steps; never with GC disabled). A tensor from {@code full} is allocated by
 * libtorch, which owns it for as long as the graph needs it.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-dimensional float32 tensor on {@code like}'s manager (freed with that manager).
     *
     * @param like an array whose manager and device to use
     * @param value the value
     * @return the scalar tensor
     */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
    }
}
