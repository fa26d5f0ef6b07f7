package org.vae4j.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;

/**
 * A trained or freshly initialised VAE: the public API for encoding, decoding, sampling,
 * reconstructing and evaluating. Inputs and results are Java arrays; no NDArray escapes.
 *
 * <p>Images are flat float arrays of {@code D = C·H·W} values in [0, 1] (channels first, row
 * major). Latent codes are float arrays of length {@code L}.
 *
 * <p>The model owns native memory: close it (try-with-resources). Instances are not thread-safe.
 */
public final class VaeModel extends BlockModel<VaeConfig> implements LikelihoodScorer, Sampler {

    private VaeModel(VaeConfig config, NDManager manager, VaeBlock block) {
        super(config, manager, block);
    }

    /**
     * Creates a model with freshly initialised parameters on the CPU.
     *
     * @param config the architecture
     * @param seed seeds the engine's generator before initialisation, for reproducible weights
     * @return the model
     */
    public static VaeModel create(VaeConfig config, long seed) {
        return create(config, seed, Device.cpu());
    }

    /**
     * Creates a model with freshly initialised parameters.
     *
     * @param config the architecture
     * @param seed seeds the engine's generator before initialisation
     * @param device where parameters and computation live
     * @return the model
     */
    public static VaeModel create(VaeConfig config, long seed, Device device) {
        return initialised(seed, device, config.inputSize(), () -> new VaeBlock(config),
                (m, b) -> new VaeModel(config, m, b));
    }

    /**
     * Reads parameters written by {@link #writeParameters} into a new model.
     *
     * @param config the architecture the parameters were made for
     * @param in the stream
     * @param device where parameters and computation live
     * @return the model
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if the parameters do not fit the configuration
     */
    public static VaeModel readParameters(VaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return loaded(in, device, config.inputSize(), () -> new VaeBlock(config),
                (m, b) -> new VaeModel(config, m, b));
    }

    @Override
    public VaeBlock block() {
        return (VaeBlock) super.block();
    }

    /**
     * Encodes images to their posterior parameters, {@code q(z | x, y)} for a conditional model.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return mu and logvar, {@code [N][L]} each
     */
    @Override
    public Encoding encode(float[][] images, int[] labels) {
        List<float[][]> post = mapRows(images, labels, config().inputSize(), 2,
                (bm, x, y) -> block().encode(parameterStore(), x, y, false));
        return new Encoding(post.get(0), post.get(1));
    }

    /**
     * Decodes latent codes to images, the mean of {@code p(x | z, y)}: {@code sigmoid(logits)}
     * (the outputs themselves for {@link Likelihood#GAUSSIAN_IDENTITY}).
     *
     * @param z {@code [N][L]} latent codes
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][D]} pixel values in [0, 1] (any real value for the identity link)
     */
    @Override
    public float[][] decode(float[][] z, int[] labels) {
        return mapRows(z, labels, config().latentDim(), 1, (bm, codes, y) -> new NDList(
                config().likelihood().mean(block().decode(parameterStore(), codes, y, false))))
                .get(0);
    }

    /**
     * Draws images from the model: {@code z ~ p(z)}, then the decoder's mean. Under the standard
     * normal, {@code z ~ N(0, I)}; under the VampPrior, each image picks a pseudo-input uniformly,
     * encodes it and samples z from that posterior. A conditional model draws image {@code i} of
     * class {@code i mod K}, so a grid shows every class.
     *
     * @param n how many
     * @param seed seeds the latent draws (independent of the engine's generator)
     * @return {@code [n][D]} pixel values in [0, 1]
     */
    @Override
    public float[][] sample(int n, long seed) {
        float[][] z = priorSample(n, seed);
        if (!config().conditional()) {
            return decode(z);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % config().classes();
        }
        return decode(z, labels);
    }

    @Override
    public float[][] sample(int n, long seed, int label) {
        config().checkLabel(label);
        return decode(priorSample(n, seed), label);
    }

    /**
     * Draws codes from the prior: {@code N(0, I)}, or under the VampPrior a uniformly drawn
     * pseudo-input's posterior (the component first, then its noise, from one {@code
     * SplittableRandom(seed)}).
     *
     * @param n how many, &gt; 0
     * @param seed seeds the draws
     * @return {@code [n][L]}
     */
    @Override
    public float[][] priorSample(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] z = new float[n][config().latentDim()];
        Encoding components = priorComponents();
        if (components == null) {
            return LikelihoodScorer.super.priorSample(n, seed);
        }
        for (float[] row : z) {
            int k = rng.nextInt(components.mu().length);
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (components.mu()[k][j]
                        + Math.exp(0.5 * components.logvar()[k][j]) * rng.nextGaussian());
            }
        }
        return z;
    }

    /**
     * The VampPrior's components, the encoder's posteriors at the pseudo-inputs.
     *
     * @return mu and logvar {@code [K][L]}, or null for the standard normal prior
     */
    public Encoding priorComponents() {
        try (NDManager m = manager().newSubManager()) {
            NDList c = block().priorComponents(parameterStore(), m, false);
            if (c == null) {
                return null;
            }
            long k = c.get(0).getShape().get(0);
            int l = config().latentDim();
            return new Encoding(rows(c.get(0).toFloatArray(), k, l),
                    rows(c.get(1).toFloatArray(), k, l));
        }
    }

    /**
     * The pseudo-inputs as the encoder sees them (clamped to [0, 1] unless configured otherwise),
     * e.g. to look at them as images.
     *
     * @return {@code [K][D]}, or null for the standard normal prior
     */
    public float[][] pseudoInputs() {
        try (NDManager m = manager().newSubManager()) {
            NDArray u = block().pseudoInputs(parameterStore(), m, false);
            return u == null ? null
                    : rows(u.toFloatArray(), u.getShape().get(0), config().inputSize());
        }
    }

    private static float[][] rows(float[] flat, long n, int width) {
        float[][] out = new float[(int) n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }

    @Override
    public boolean standardNormalPrior() {
        return config().priorConfig().standardNormal();
    }

    @Override
    public NDArray logPriorKernel(NDArray z) {
        return block().logPriorKernel(parameterStore(), z, false);
    }

    @Override
    public NDList posterior(NDArray x, NDArray y) {
        return block().encode(parameterStore(), x, y, false);
    }

    @Override
    public NDArray reconstructionNll(NDArray z, NDArray y, NDArray x) {
        NDArray logits = block().decode(parameterStore(), z, y, false);
        return block().reconstructionNll(parameterStore(), logits, x, false);
    }

    /**
     * Computes the mean negative ELBO and its terms over a data set, one posterior sample per
     * image. Reseeds the engine's (global) generator with {@code seed}, so the result is
     * reproducible.
     *
     * @param data images of the model's shape
     * @param batchSize images per forward pass
     * @param seed seeds the posterior samples (and dynamic binarization)
     * @return per-image means in nats
     */
    @Override
    public ElboMetrics evaluate(ImageSet data, int batchSize, long seed) {
        checkShape(data);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        return evaluate(BatchSource.of(data, batchSize, config().binarization(),
                config().classes()), seed);
    }

    /**
     * The mean negative ELBO over the batches of a source (made once, reused every epoch by the
     * trainer's validation).
     *
     * @param source the batches
     * @param seed reseeds the engine's generator first
     * @return per-image means in nats
     */
    public ElboMetrics evaluate(BatchSource source, long seed) {
        EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        double rec = 0;
        double kl = 0;
        for (int b = 0; b < source.batches(); b++) {
            try (NDManager bm = manager().newSubManager()) {
                Batch batch = source.batch(bm, b);
                NDArray x = batch.x();
                NDList in = batch.y() == null ? new NDList(x) : new NDList(x, batch.y());
                NDList out = block().forward(parameterStore(), in, false);
                NDList terms = block().elboTerms(parameterStore(), out, x, false);
                rec += terms.get(0).sum().getFloat();
                kl += terms.get(1).sum().getFloat();
            }
        }
        return ElboMetrics.fromSums(rec, kl, source.size());
    }
}
