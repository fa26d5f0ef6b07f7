package org.vae4j.model;

/**
 * The codes an {@link Encoder} gives a batch of images, saying what they are: a Gaussian
 * posterior ({@link Encoding}: mean and log-variance) or a deterministic point ({@link
 * PointCode}), or a grid of codebook entries (the vqvae family's code). Lists of layers come with
 * the families that make them.
 */
public interface LatentCode {

    /**
     * A point per image that stands for its code: the posterior mean, or the code itself. It is
     * what embeddings, manifolds, traversals and reconstructions use.
     *
     * @return {@code [N][L]}
     */
    float[][] means();

    /**
     * The continuous point each image's code comes from, for paths between images: the same as
     * {@link #means()} unless the code is quantised, when it is the encoder's output before the
     * quantisation (decoding a point of the path quantises it again).
     *
     * @return {@code [N][L]}
     */
    default float[][] continuous() {
        return means();
    }

    /**
     * Returns the number of encoded images.
     *
     * @return N
     */
    default int size() {
        return means().length;
    }
}
