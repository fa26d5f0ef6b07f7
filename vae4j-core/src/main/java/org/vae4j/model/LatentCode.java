package org.vae4j.model;

/**
 * The codes an {@link Encoder} gives a batch of images, saying what they are: a Gaussian
 * posterior ({@link Encoding}: mean and log-variance) or a deterministic point ({@link
 * PointCode}). Discrete indices and lists of layers come with the families that make them.
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
     * Returns the number of encoded images.
     *
     * @return N
     */
    default int size() {
        return means().length;
    }
}
