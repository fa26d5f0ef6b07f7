package org.vae4j.model;

import ai.djl.ndarray.NDArray;

/**
 * A model whose code is a grid of indices into a learned codebook (VQ-VAE, van den Oord et al.
 * 2017): an image {@code x [C, H, W]} becomes {@code h × w} integers in {@code [0, K)}, and any
 * such grid decodes to an image. This is what a second-stage prior over codes (a PixelCNN,
 * trained on the frozen encoder's indices and sampled position by position) needs from the model.
 *
 * <p>Positions are numbered row-major: index {@code i·w + j} of a row of {@link
 * #encodeIndices(float[][], int[])} is grid cell {@code (i, j)}. The Java-array methods batch
 * internally and hold no native memory; the NDArray ones work on one batch and put their result
 * on the input's manager, for a training loop that keeps indices on the device.
 */
public interface DiscreteCoder extends GenerativeModel {

    /**
     * Returns the number of code vectors.
     *
     * @return K
     */
    int codebookSize();

    /**
     * Returns the size of each code vector.
     *
     * @return D
     */
    int codeDim();

    /**
     * Returns the code grid's shape.
     *
     * @return {@code {h, w}}, e.g. {@code {7, 7}} for 28×28 images
     */
    int[] gridShape();

    /**
     * The code vectors, row {@code k} being code {@code k}.
     *
     * @return {@code [K][D]}, a copy
     */
    float[][] codebook();

    /**
     * The nearest code of every grid cell of every image: {@code argmin_k ||z_e(x)_{ij} -
     * e_k||²}.
     *
     * @param images {@code [N][C·H·W]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][h·w]} indices in {@code [0, K)}, row-major over the grid
     */
    int[][] encodeIndices(float[][] images, int[] labels);

    /**
     * Decodes code grids to images: {@code decoder(e_{indices})}, the mean of {@code p(x | z)}.
     *
     * @param indices {@code [N][h·w]} indices in {@code [0, K)}, row-major over the grid
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][C·H·W]} pixel values in [0, 1]
     * @throws IllegalArgumentException if a row has another length or an index is out of range
     */
    float[][] decodeIndices(int[][] indices, int[] labels);

    /**
     * {@link #encodeIndices(float[][], int[])} on one batch, without gradients.
     *
     * @param x images {@code [B, C·H·W]} (float32)
     * @return indices {@code [B, h, w]} (int64), on {@code x}'s manager
     */
    NDArray encodeIndices(NDArray x);

    /**
     * {@link #decodeIndices(float[][], int[])} on one batch, without gradients.
     *
     * @param indices {@code [B, h, w]} or {@code [B, h·w]}, integer type, values in {@code [0,
     *     K)}
     * @return images {@code [B, C·H·W]} (float32), on {@code indices}' manager
     */
    NDArray decodeIndices(NDArray indices);
}
