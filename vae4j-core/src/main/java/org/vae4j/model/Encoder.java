package org.vae4j.model;

/** A model that maps images to latent codes. */
public interface Encoder extends GenerativeModel {

    /**
     * Encodes images (with their labels for a conditional model).
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return the codes, {@code N} of them
     */
    LatentCode encode(float[][] images, int[] labels);

    /**
     * The point each image's code stands for ({@link LatentCode#means()}).
     *
     * @param images {@code [N][D]}
     * @param labels labels for a conditional model, else null
     * @return {@code [N][L]}
     */
    default float[][] embed(float[][] images, int[] labels) {
        return encode(images, labels).means();
    }
}
