package org.vae4j.model;

/** A model that encodes and decodes: {@code x -> code -> x'}. */
public interface Reconstructor extends Encoder, Decoder {

    /**
     * Reconstructs images through the point of their code: {@code decode(means(x, y), y)}.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][D]} reconstructions
     */
    default float[][] reconstruct(float[][] images, int[] labels) {
        return decode(embed(images, labels), labels);
    }

    /**
     * Reconstructs images of an unconditional model.
     *
     * @param images {@code [N][D]}
     * @return {@code [N][D]}
     */
    default float[][] reconstruct(float[][] images) {
        return reconstruct(images, null);
    }
}
