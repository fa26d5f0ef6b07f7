package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Turns class labels into the one-hot batches {@code y [B, K]} a conditional VAE reads, through
 * reused staging memory (a {@link BatchBuffer} of width K; see there for why not a fresh array
 * per batch).
 *
 * <p>Not thread-safe; use one per loop, and never keep a batch past the next call.
 */
public final class OneHot {

    private final int classes;
    private final float[] values;
    private final BatchBuffer buffer;

    /**
     * Allocates room for {@code maxBatch} labels.
     *
     * @param maxBatch the largest batch
     * @param classes K
     */
    public OneHot(int maxBatch, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be > 0, got " + classes);
        }
        this.classes = classes;
        this.values = new float[maxBatch * classes];
        this.buffer = new BatchBuffer(maxBatch, classes);
    }

    /**
     * The one-hot labels of images {@code order[from .. from + count)} (data-set order when
     * {@code order} is null).
     *
     * @param manager the batch's manager
     * @param data labelled images
     * @param order image indices, or null
     * @param from first position
     * @param count batch size
     * @return {@code [count, K]}, valid until the next call
     * @throws IllegalArgumentException if the data has no labels or a label is not in [0, K)
     */
    public NDArray batch(NDManager manager, Dataset data, int[] order, int from, int count) {
        requireLabels(data, classes);
        Arrays.fill(values, 0, count * classes, 0f);
        for (int i = 0; i < count; i++) {
            int index = order == null ? from + i : order[from + i];
            int label = data.label(index);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        data.source() + ": image " + index + " has label " + label
                                + " but the conditional model knows classes 0.."
                                + (classes - 1));
            }
            values[i * classes + label] = 1f;
        }
        return buffer.wrap(manager, values, count);
    }

    /**
     * The one-hot labels {@code labels[from .. from + count)}.
     *
     * @param manager the batch's manager
     * @param labels class indices in [0, K)
     * @param from first position
     * @param count batch size
     * @return {@code [count, K]}, valid until the next call
     */
    public NDArray of(NDManager manager, int[] labels, int from, int count) {
        Arrays.fill(values, 0, count * classes, 0f);
        for (int i = 0; i < count; i++) {
            int label = labels[from + i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        "label must be in [0, " + (classes - 1) + "], got " + label);
            }
            values[i * classes + label] = 1f;
        }
        return buffer.wrap(manager, values, count);
    }

    /**
     * Throws unless the images carry labels, as a conditional model needs them.
     *
     * @param data the images
     * @param classes K, for the message
     */
    public static void requireLabels(Dataset data, int classes) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(
                    data.source()
                            + ": has no labels, but the model is conditional on "
                            + classes
                            + " classes (give labelled data: IDX labels file, class"
                            + " sub-folders or CIFAR-10)");
        }
    }
}
