package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;

/**
 * Turns a {@link Dataset} into {@link Batch}es: rows in a given order copied through reused
 * staging memory ({@link BatchBuffer}), binarized per use for {@link Binarization#DYNAMIC}
 * (static thresholding is applied once, when the source is made), with one-hot labels for a
 * conditional model. Training, evaluation and scoring all batch through this one class.
 *
 * <p>Random numbers: a dynamic binarization draws from the engine's generator, in batch order, so
 * a caller that seeds the engine gets the same targets every time.
 *
 * <p>Not thread-safe; a batch is valid until the next one is made.
 */
public final class BatchSource {

    private final Dataset data;
    private final Binarization binarization;
    private final int batchSize;
    private final BatchBuffer buffer;
    private final OneHot oneHot;
    private double perturb;

    private BatchSource(Dataset data, int batchSize, Binarization binarization, int classes) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.source() + ": no rows to batch");
        }
        this.data = data;
        this.binarization = binarization;
        this.batchSize = batchSize;
        int room = Math.min(batchSize, data.size());
        this.buffer = new BatchBuffer(room, data.rowWidth());
        this.oneHot = classes > 0 ? new OneHot(room, classes) : null;
    }

    /**
     * A source over rows: for images, applies a static binarization once (the dynamic one per
     * batch); for a conditional model, checks that the rows carry labels. Rows that are not
     * images (code grids, say) take no binarization.
     *
     * @param data the data: an {@link ImageSet} or any other {@link Dataset}
     * @param batchSize the largest batch, &gt; 0
     * @param binarization how pixels become targets; {@link Binarization#NONE} for non-images
     * @param classes K of a conditional model, 0 for none
     * @return the source
     * @throws IllegalArgumentException if {@code classes > 0} and the rows have no labels, or a
     *     binarization is asked of rows that are not images
     */
    public static BatchSource of(
            Dataset data, int batchSize, Binarization binarization, int classes) {
        if (classes > 0) {
            OneHot.requireLabels(data, classes);
        }
        Dataset prepared;
        if (data instanceof ImageSet images) {
            prepared = Batches.prepare(images, binarization);
        } else if (binarization != Binarization.NONE) {
            throw new IllegalArgumentException(data.source() + ": binarization "
                    + binarization.id() + " applies to images only");
        } else {
            prepared = data;
        }
        return new BatchSource(prepared, batchSize, binarization, classes);
    }

    /**
     * Makes every later batch perturbed: each value is replaced, with probability {@code mu}, by
     * {@code u ~ U(0, 1)}, drawn from the engine's generator (so a seeded trainer perturbs the
     * same way on every run), before any dynamic binarization: how background models for the
     * likelihood ratio are trained.
     *
     * @param mu share of values replaced, in [0, 1); 0 turns it off
     * @return this source
     */
    public BatchSource perturbing(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("perturb must be in [0, 1), got " + mu);
        }
        this.perturb = mu;
        return this;
    }

    /**
     * Returns the rows behind the batches (after a static binarization).
     *
     * @return the data
     */
    public Dataset data() {
        return data;
    }

    /**
     * Returns the number of rows.
     *
     * @return N
     */
    public int size() {
        return data.size();
    }

    /**
     * Returns the largest batch.
     *
     * @return B
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the number of batches of one pass, the last possibly short.
     *
     * @return {@code ceil(N / B)}
     */
    public int batches() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * The rows {@code order[from .. from + count)}, or {@code from .. from + count} in data order
     * when {@code order} is null.
     *
     * @param manager the batch's manager (close it before the next batch)
     * @param order row order, or null
     * @param from first position
     * @param count rows, at most {@link #batchSize()}
     * @return the batch
     */
    public Batch batch(NDManager manager, int[] order, int from, int count) {
        NDArray rows = buffer.rows(manager, data, order, from, count);
        if (perturb > 0) {
            // Before binarizing, so that a binarized model still sees 0/1 inputs.
            NDArray replace = manager.randomUniform(0f, 1f, rows.getShape()).lt(perturb);
            NDArray noise = manager.randomUniform(0f, 1f, rows.getShape());
            rows = NDArrays.where(replace, noise, rows);
        }
        NDArray x = Batches.binarize(rows, binarization);
        NDArray y = oneHot == null ? null : oneHot.batch(manager, data, order, from, count);
        return new Batch(x, y, count);
    }

    /**
     * Batch {@code b} of a pass in data order.
     *
     * @param manager the batch's manager
     * @param b the batch index in [0, {@link #batches()})
     * @return the batch
     */
    public Batch batch(NDManager manager, int b) {
        int from = b * batchSize;
        return batch(manager, null, from, Math.min(batchSize, data.size() - from));
    }
}
