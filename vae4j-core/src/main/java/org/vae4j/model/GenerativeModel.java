package org.vae4j.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataOutputStream;
import java.io.IOException;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;

/**
 * A model of any family: its configuration, its parameters (one DJL block, saved in DJL's block
 * format) and the native memory they live in. What a caller may ask of it beyond that is a
 * capability it implements ({@link Encoder}, {@link Decoder}, {@link Reconstructor}, {@link
 * Sampler}, {@link Evaluator}, {@link LikelihoodScorer}); {@link #as} asks for one and {@link
 * #lacks} says why a model has none.
 *
 * <p>Close the model (try-with-resources) to free its native memory. Not thread-safe.
 */
public interface GenerativeModel extends AutoCloseable {

    /**
     * Returns the configuration.
     *
     * @return the configuration, saved as {@code config.json}
     */
    ModelConfig config();

    /**
     * Returns the block holding every parameter, for training and saving.
     *
     * @return the block
     */
    Block block();

    /**
     * Returns the manager that owns the parameters.
     *
     * @return the manager
     */
    NDManager manager();

    /**
     * Returns the parameter store used for forward passes.
     *
     * @return the store
     */
    ParameterStore parameterStore();

    /**
     * Writes every parameter in DJL's block format.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    default void writeParameters(DataOutputStream out) throws IOException {
        block().saveParameters(out);
    }

    /**
     * Returns the number of trainable values.
     *
     * @return the parameter count
     */
    default long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : block().getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /**
     * Throws if the rows do not have the model's shape: images must be {@code C×H×W} of the
     * configuration, other rows {@code C·H·W} values wide.
     *
     * @param data the rows
     * @throws IllegalArgumentException naming the data and both shapes
     */
    default void checkShape(Dataset data) {
        ModelConfig c = config();
        if (!(data instanceof ImageSet images)) {
            if (data.rowWidth() != c.inputSize()) {
                throw new IllegalArgumentException(data.source() + ": rows have "
                        + data.rowWidth() + " values but the model expects " + c.inputSize());
            }
            return;
        }
        if (images.channels() != c.channels() || images.height() != c.height()
                || images.width() != c.width()) {
            throw new IllegalArgumentException(images.source() + ": images are "
                    + images.channels() + "x" + images.height() + "x" + images.width()
                    + " but the model expects " + c.channels() + "x" + c.height() + "x"
                    + c.width());
        }
    }

    /**
     * The labels of images {@code indices} (all when null) when the model is conditional, else
     * null: what the label-taking methods want for images of a data set.
     *
     * @param data the images
     * @param indices which images, or null for all
     * @return the labels, or null for an unconditional model
     * @throws IllegalArgumentException if the model is conditional and the data has no labels
     */
    default int[] labelsFor(ImageSet data, int[] indices) {
        ModelConfig c = config();
        if (!c.conditional()) {
            return null;
        }
        org.vae4j.data.OneHot.requireLabels(data, c.classes());
        int n = indices == null ? data.size() : indices.length;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(indices == null ? i : indices[i]);
        }
        return labels;
    }

    /**
     * The labels of the first {@code n} images (those of {@link ImageSet#toRows(int)}) when the
     * model is conditional, else null.
     *
     * @param data the images
     * @param n how many, at most {@code data.size()}
     * @return the labels, or null for an unconditional model
     */
    default int[] labelsFor(ImageSet data, int n) {
        if (!config().conditional()) {
            return null;
        }
        int[] first = new int[Math.min(n, data.size())];
        java.util.Arrays.setAll(first, i -> i);
        return labelsFor(data, first);
    }

    /**
     * Asks for a capability.
     *
     * @param capability e.g. {@code Sampler.class}
     * @param <T> the capability
     * @return this model as that capability
     * @throws UnsupportedOperationException with {@link #lacks}'s one-line reason if the model
     *     has none
     */
    default <T> T as(Class<T> capability) {
        if (capability.isInstance(this)) {
            return capability.cast(this);
        }
        throw new UnsupportedOperationException(lacks(capability));
    }

    /**
     * Whether the model has a capability.
     *
     * @param capability e.g. {@code Sampler.class}
     * @return true if {@link #as} returns it
     */
    default boolean can(Class<?> capability) {
        return capability.isInstance(this);
    }

    /**
     * Why this model lacks a capability, as one line for the user. Families override this to say
     * what their model is and what to use instead.
     *
     * @param capability the capability asked for
     * @return the reason
     */
    default String lacks(Class<?> capability) {
        return "a " + config().family() + " model cannot " + Capabilities.verb(capability);
    }

    @Override
    void close();
}
