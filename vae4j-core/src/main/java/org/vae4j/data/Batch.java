package org.vae4j.data;

import ai.djl.ndarray.NDArray;

/**
 * One mini-batch as the networks read it. The arrays live on the (short-lived) manager they were
 * made on and are valid until the {@link BatchSource} that made them makes the next batch.
 *
 * @param x inputs {@code [B, D]}: pixels in [0, 1], binarized when the model asks for it
 * @param y one-hot labels {@code [B, K]} for a conditional model, else null
 * @param size B, the rows in this batch
 */
public record Batch(NDArray x, NDArray y, int size) {

    /** Checks the row count. */
    public Batch {
        if (x == null) {
            throw new IllegalArgumentException("a batch needs its inputs x");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + size);
        }
    }
}
