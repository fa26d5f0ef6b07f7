package org.vae4j.model;

/** A model with a prior to draw images from. */
public interface Sampler extends GenerativeModel {

    /**
     * Draws images. A conditional model draws image {@code i} of class {@code i mod K}, so a grid
     * shows every class.
     *
     * @param n how many, &gt; 0
     * @param seed seeds the draws (independent of the engine's generator)
     * @return {@code [n][D]} pixel values in [0, 1]
     */
    float[][] sample(int n, long seed);

    /**
     * Draws images of one class from a conditional model.
     *
     * @param n how many
     * @param seed seeds the draws
     * @param label the class, in [0, K)
     * @return {@code [n][D]} pixel values in [0, 1]
     * @throws IllegalArgumentException if the model is not conditional or the label is out of
     *     range
     */
    float[][] sample(int n, long seed, int label);
}
