package org.vae4j.model;

import org.vae4j.data.Binarization;

/**
 * What every model family's configuration says: the family it belongs to, the shape of the rows
 * it reads, how they become targets, the size of its code and whether it is conditional. It is
 * saved as {@code config.json}, tagged with {@link #family()}; each family adds its own fields.
 */
public interface ModelConfig {

    /**
     * The id of the family that reads this configuration (the {@code family} tag of {@code
     * config.json}; a file without one is a {@code vae}).
     *
     * @return e.g. {@code vae}
     */
    String family();

    /**
     * Returns the image channels C.
     *
     * @return C
     */
    int channels();

    /**
     * Returns the image height H.
     *
     * @return H
     */
    int height();

    /**
     * Returns the image width W.
     *
     * @return W
     */
    int width();

    /**
     * Returns the size of the latent code, L.
     *
     * @return L
     */
    int latentDim();

    /**
     * Returns how pixels are turned into training targets.
     *
     * @return the binarization
     */
    Binarization binarization();

    /**
     * Returns K for a model conditional on K classes, 0 otherwise.
     *
     * @return K
     */
    default int classes() {
        return 0;
    }

    /**
     * A one-line description for logs, e.g. {@code mlp 784-[400]-20, bernoulli}.
     *
     * @return the summary
     */
    String summary();

    /**
     * Returns the number of values per image, D = C·H·W.
     *
     * @return D
     */
    default int inputSize() {
        return channels() * height() * width();
    }

    /**
     * Whether the model is conditional, i.e. {@code classes() > 0}.
     *
     * @return true for a conditional model
     */
    default boolean conditional() {
        return classes() > 0;
    }

    /**
     * Checks that labels are given exactly when the model is conditional.
     *
     * @param labelsGiven whether the caller passes labels
     * @throws IllegalArgumentException if a conditional model gets none or a plain one gets some
     */
    default void checkLabelsGiven(boolean labelsGiven) {
        if (conditional() && !labelsGiven) {
            throw new IllegalArgumentException(
                    "this is a conditional model: it needs a label for every image");
        }
        if (!conditional() && labelsGiven) {
            throw new IllegalArgumentException(
                    "this model is not conditional, so it takes no labels");
        }
    }

    /**
     * Checks a class label against {@link #classes}.
     *
     * @param label the label
     * @throws IllegalArgumentException if the model is not conditional or the label is out of
     *     range
     */
    default void checkLabel(int label) {
        if (!conditional()) {
            throw new IllegalArgumentException(
                    "this model is not conditional (trained without --conditional), so it takes"
                            + " no label");
        }
        if (label < 0 || label >= classes()) {
            throw new IllegalArgumentException(
                    "label must be in [0, " + (classes() - 1) + "], got " + label);
        }
    }
}
