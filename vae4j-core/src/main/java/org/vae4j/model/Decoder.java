package org.vae4j.model;

/** A model that maps latent codes to images. */
public interface Decoder extends GenerativeModel {

    /**
     * Decodes latent codes to images: the mean of {@code p(x | z, y)}.
     *
     * @param z {@code [N][L]} latent codes
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][D]} pixel values in [0, 1] (any real value for an identity link)
     */
    float[][] decode(float[][] z, int[] labels);

    /**
     * Decodes the codes of an unconditional model.
     *
     * @param z {@code [N][L]}
     * @return {@code [N][D]}
     */
    default float[][] decode(float[][] z) {
        return decode(z, null);
    }

    /**
     * Decodes latent codes of a conditional model all as one class.
     *
     * @param z {@code [N][L]} latent codes
     * @param label the class, in [0, K)
     * @return {@code [N][D]} images
     * @throws IllegalArgumentException if the model is not conditional or the label is out of
     *     range
     */
    default float[][] decode(float[][] z, int label) {
        config().checkLabel(label);
        int[] labels = new int[z.length];
        java.util.Arrays.fill(labels, label);
        return decode(z, labels);
    }
}
