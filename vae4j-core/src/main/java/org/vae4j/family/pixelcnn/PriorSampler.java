package org.vae4j.family.pixelcnn;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.DataOutputStream;
import java.io.IOException;
import org.vae4j.data.Dataset;
import org.vae4j.data.ImageSet;
import org.vae4j.model.DiscreteCoder;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Sampler;
import org.vae4j.model.TemperatureSampler;

/**
 * A model with a discrete code grid ({@link DiscreteCoder}, a VQ-VAE) and a PixelCNN prior over
 * its codes, seen as one model that can sample: {@code k ~ p_prior(k | y)} cell by cell, then
 * {@code x = decodeIndices(k)}. Every other capability is the coder's: {@link #as} and {@link
 * #can} hand them through, so reconstruct, embed and the rest behave exactly as on the coder
 * alone. Its {@link #config()} is the coder's, made conditional on the prior's classes when the
 * prior is conditional; the label methods stay the coder's.
 *
 * <p>Closing it closes the coder and the prior (unless it is an {@link #atTemperature} view).
 */
public final class PriorSampler implements TemperatureSampler {

    private final DiscreteCoder coder;
    private final PixelCnnModel prior;
    private final double temperature;
    private final boolean owner;
    private final ModelConfig config;
    private final String refusal;

    private PriorSampler(DiscreteCoder coder, PixelCnnModel prior, double temperature,
            boolean owner, String refusal) {
        this.coder = coder;
        this.prior = prior;
        this.temperature = temperature;
        this.owner = owner;
        this.refusal = refusal;
        this.config = prior.config().conditional()
                ? new SampledConfig(coder.config(), prior.config().classes())
                : coder.config();
    }

    /**
     * Joins a coder and its prior; the result owns both.
     *
     * @param coder the model whose codes the prior was trained on
     * @param prior a {@link PixelCnnModel} (a model of family {@code pixelcnn})
     * @return the sampler at temperature 1
     * @throws IllegalArgumentException if the prior is no PixelCNN, or its codebook size or grid
     *     differs from the coder's
     */
    public static PriorSampler of(DiscreteCoder coder, GenerativeModel prior) {
        if (!(prior instanceof PixelCnnModel p)) {
            throw new IllegalArgumentException("the prior must be a pixelcnn model, got a "
                    + prior.config().family() + " model");
        }
        PixelCnnConfig c = p.config();
        int[] grid = coder.gridShape();
        if (c.codebookSize() != coder.codebookSize() || c.height() != grid[0]
                || c.width() != grid[1]) {
            throw new IllegalArgumentException("the prior is over " + c.height() + "x" + c.width()
                    + " grids of " + c.codebookSize() + " codes but the model's codes are "
                    + grid[0] + "x" + grid[1] + " of " + coder.codebookSize());
        }
        if (coder.config().conditional() && coder.config().classes() != c.classes()) {
            throw new IllegalArgumentException("the model is conditional on "
                    + coder.config().classes() + " classes but its prior on " + c.classes());
        }
        return new PriorSampler(coder, p, 1, true, null);
    }

    /**
     * A coder with a prior that must not be sampled (trained on other parameters of the coder,
     * say): every other capability works, and asking for a sampler gives {@code refusal}.
     *
     * @param coder the model
     * @param prior its prior, closed with it
     * @param refusal one line: why it cannot sample and what to do
     * @return the model
     */
    public static PriorSampler refusing(DiscreteCoder coder, GenerativeModel prior,
            String refusal) {
        PriorSampler s = of(coder, prior);
        return new PriorSampler(coder, s.prior, 1, true, refusal);
    }

    /**
     * Returns the prior.
     *
     * @return the PixelCNN
     */
    public PixelCnnModel prior() {
        return prior;
    }

    @Override
    public Sampler atTemperature(double t) {
        if (!(t > 0 && t <= PixelCnnModel.MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be in (0, "
                    + PixelCnnModel.MAX_TEMPERATURE + "], got " + t);
        }
        return new PriorSampler(coder, prior, t, false, refusal);
    }

    @Override
    public float[][] sample(int n, long seed) {
        int[] labels = null;
        if (prior.config().conditional()) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % prior.config().classes();
            }
        }
        return draw(n, seed, labels);
    }

    @Override
    public float[][] sample(int n, long seed, int label) {
        config.checkLabel(label);
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, label);
        return draw(n, seed, labels);
    }

    private float[][] draw(int n, long seed, int[] labels) {
        int[][] grids = prior.sample(n, prior.config().conditional() ? labels : null,
                temperature, seed);
        return coder.decodeIndices(grids, coder.config().conditional() ? labels : null);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public Block block() {
        return coder.block();
    }

    @Override
    public NDManager manager() {
        return coder.manager();
    }

    @Override
    public ParameterStore parameterStore() {
        return coder.parameterStore();
    }

    @Override
    public void writeParameters(DataOutputStream out) throws IOException {
        coder.writeParameters(out);
    }

    @Override
    public long parameterCount() {
        return coder.parameterCount() + prior.parameterCount();
    }

    @Override
    public void checkShape(Dataset data) {
        coder.checkShape(data);
    }

    @Override
    public int[] labelsFor(ImageSet data, int[] indices) {
        return coder.labelsFor(data, indices);
    }

    @Override
    public int[] labelsFor(ImageSet data, int n) {
        return coder.labelsFor(data, n);
    }

    @Override
    public <T> T as(Class<T> capability) {
        if (refused(capability)) {
            throw new UnsupportedOperationException(refusal);
        }
        return capability.isInstance(this) ? capability.cast(this) : coder.as(capability);
    }

    @Override
    public boolean can(Class<?> capability) {
        return !refused(capability) && (capability.isInstance(this) || coder.can(capability));
    }

    @Override
    public String lacks(Class<?> capability) {
        return refused(capability) ? refusal : coder.lacks(capability);
    }

    /** A sampler asked of a prior that must not be used (only the coder's own capabilities). */
    private boolean refused(Class<?> capability) {
        return refusal != null && capability.isInstance(this) && !coder.can(capability);
    }

    @Override
    public void close() {
        if (owner) {
            try {
                prior.close();
            } finally {
                coder.close();
            }
        }
    }
}
