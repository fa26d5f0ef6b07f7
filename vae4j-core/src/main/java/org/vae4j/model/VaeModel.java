package org.vae4j.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
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
public final class VaeModel implements AutoCloseable {

    private static final int DEFAULT_BATCH = 1000;

    private final VaeConfig config;
    private final NDManager manager;
    private final VaeBlock block;
    private final ParameterStore parameterStore;

    private VaeModel(VaeConfig config, NDManager manager, VaeBlock block) {
        this.config = config;
        this.manager = manager;
        this.block = block;
        this.parameterStore = new ParameterStore(manager, false);
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
        Engine engine = EngineSetup.engine();
        NDManager manager = engine.newBaseManager(device);
        try {
            engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
            VaeBlock block = new VaeBlock(config);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputSize()));
            return new VaeModel(config, manager, block);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
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
        NDManager manager = EngineSetup.engine().newBaseManager(device);
        try {
            VaeBlock block = new VaeBlock(config);
            block.loadParameters(manager, in);
            checkShapes(config, block, manager);
            return new VaeModel(config, manager, block);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Compares every loaded parameter with the shape a freshly built block would have. */
    private static void checkShapes(VaeConfig config, VaeBlock loaded, NDManager manager)
            throws MalformedModelException {
        try (NDManager scratch = manager.newSubManager()) {
            VaeBlock fresh = new VaeBlock(config);
            fresh.initialize(scratch, DataType.FLOAT32, new Shape(1, config.inputSize()));
            var want = fresh.getParameters();
            var got = loaded.getParameters();
            for (int i = 0; i < want.size(); i++) {
                Shape expected = want.get(i).getValue().getArray().getShape();
                Parameter p = got.get(i).getValue();
                Shape actual = p.isInitialized() ? p.getArray().getShape() : null;
                if (!expected.equals(actual)) {
                    throw new MalformedModelException(
                            "parameter "
                                    + want.get(i).getKey()
                                    + " has shape "
                                    + actual
                                    + " but the configuration needs "
                                    + expected);
                }
            }
        }
    }

    /**
     * Writes all parameters (DJL's block format) to a stream.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void writeParameters(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    public VaeConfig config() {
        return config;
    }

    /**
     * Returns the underlying DJL block, for training code.
     *
     * @return the block
     */
    public VaeBlock block() {
        return block;
    }

    /**
     * Returns the manager that owns the parameters, for training code.
     *
     * @return the manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Returns the parameter store used for forward passes, for training code.
     *
     * @return the store
     */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /**
     * Returns the number of trainable values.
     *
     * @return the parameter count
     */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /**
     * Encodes images of a plain VAE to their posterior parameters.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @return mu and logvar, {@code [N][L]} each
     * @throws IllegalArgumentException for a conditional model (use {@link #encode(float[][],
     *     int[])})
     */
    public Encoding encode(float[][] images) {
        return encode(images, null);
    }

    /**
     * Encodes images to their posterior parameters, {@code q(z | x, y)} for a conditional model.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return mu and logvar, {@code [N][L]} each
     */
    public Encoding encode(float[][] images, int[] labels) {
        int n = images.length;
        checkLabels(labels, n);
        int l = config.latentDim();
        float[][] mu = new float[n][];
        float[][] logvar = new float[n][];
        OneHot oneHot = oneHot(n);
        for (int from = 0; from < n; from += DEFAULT_BATCH) {
            int count = Math.min(DEFAULT_BATCH, n - from);
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = bm.create(flatten(images, from, count, d()), new Shape(count, d()));
                NDArray y = oneHot == null ? null : oneHot.of(bm, labels, from, count);
                NDList post = block.encode(parameterStore, x, y, false);
                unflatten(post.get(0).toFloatArray(), mu, from, l);
                unflatten(post.get(1).toFloatArray(), logvar, from, l);
            }
        }
        return new Encoding(mu, logvar);
    }

    /**
     * Decodes latent codes of a plain VAE to images: the mean of p(x|z), i.e. {@code
     * sigmoid(logits)} (the outputs themselves for {@link Likelihood#GAUSSIAN_IDENTITY}).
     *
     * @param z {@code [N][L]} latent codes
     * @return {@code [N][D]} pixel values in [0, 1] (any real value for the identity link)
     * @throws IllegalArgumentException for a conditional model (use {@link #decode(float[][],
     *     int[])})
     */
    public float[][] decode(float[][] z) {
        return decode(z, null);
    }

    /**
     * Decodes latent codes to images, the mean of {@code p(x | z, y)} for a conditional model.
     *
     * @param z {@code [N][L]} latent codes
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][D]} pixel values in [0, 1] (any real value for the identity link)
     */
    public float[][] decode(float[][] z, int[] labels) {
        int n = z.length;
        checkLabels(labels, n);
        float[][] out = new float[n][];
        OneHot oneHot = oneHot(n);
        for (int from = 0; from < n; from += DEFAULT_BATCH) {
            int count = Math.min(DEFAULT_BATCH, n - from);
            try (NDManager bm = manager.newSubManager()) {
                int l = config.latentDim();
                NDArray codes = bm.create(flatten(z, from, count, l), new Shape(count, l));
                NDArray y = oneHot == null ? null : oneHot.of(bm, labels, from, count);
                NDArray logits = block.decode(parameterStore, codes, y, false);
                unflatten(config.likelihood().mean(logits).toFloatArray(), out, from, d());
            }
        }
        return out;
    }

    /**
     * Decodes latent codes of a conditional model all as one class: the mean of {@code p(x | z,
     * y = label)}.
     *
     * @param z {@code [N][L]} latent codes
     * @param label the class, in [0, K)
     * @return {@code [N][D]} images
     * @throws IllegalArgumentException if the model is not conditional or the label is out of
     *     range
     */
    public float[][] decode(float[][] z, int label) {
        config.checkLabel(label);
        int[] labels = new int[z.length];
        java.util.Arrays.fill(labels, label);
        return decode(z, labels);
    }

    /**
     * Draws images from the model: {@code z ~ N(0, I)}, then the decoder's mean. A conditional
     * model draws image {@code i} of class {@code i mod K}, so a grid shows every class.
     *
     * @param n how many
     * @param seed seeds the latent draws (independent of the engine's generator)
     * @return {@code [n][D]} pixel values in [0, 1]
     */
    public float[][] sample(int n, long seed) {
        float[][] z = priorDraws(n, seed);
        if (!config.conditional()) {
            return decode(z);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % config.classes();
        }
        return decode(z, labels);
    }

    /**
     * Draws images of one class from a conditional model: {@code z ~ N(0, I)}, then the mean of
     * {@code p(x | z, y = label)}.
     *
     * @param n how many
     * @param seed seeds the latent draws
     * @param label the class, in [0, K)
     * @return {@code [n][D]} pixel values in [0, 1]
     * @throws IllegalArgumentException if the model is not conditional or the label is out of
     *     range
     */
    public float[][] sample(int n, long seed, int label) {
        config.checkLabel(label);
        return decode(priorDraws(n, seed), label);
    }

    private float[][] priorDraws(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] z = new float[n][config.latentDim()];
        for (float[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return z;
    }

    /**
     * Reconstructs images of a plain VAE through the posterior mean: {@code decode(mu(x))}.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @return {@code [N][D]} reconstructions
     */
    public float[][] reconstruct(float[][] images) {
        return decode(encode(images).mu());
    }

    /**
     * Reconstructs images through the posterior mean: {@code decode(mu(x, y), y)}.
     *
     * @param images {@code [N][D]} pixel values in [0, 1]
     * @param labels {@code [N]} class labels for a conditional model, else null
     * @return {@code [N][D]} reconstructions
     */
    public float[][] reconstruct(float[][] images, int[] labels) {
        return decode(encode(images, labels).mu(), labels);
    }

    /**
     * The labels of images {@code indices} (all when null) when the model is conditional, else
     * null: what the label-taking methods want for images of a data set.
     *
     * @param data the images
     * @param indices which images, or null for all
     * @return the labels, or null for a plain VAE
     * @throws IllegalArgumentException if the model is conditional and the data has no labels
     */
    public int[] labelsFor(ImageSet data, int[] indices) {
        if (!config.conditional()) {
            return null;
        }
        OneHot.requireLabels(data, config.classes());
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
     * @return the labels, or null for a plain VAE
     * @throws IllegalArgumentException if the model is conditional and the data has no labels
     */
    public int[] labelsFor(ImageSet data, int n) {
        if (!config.conditional()) {
            return null;
        }
        int[] first = new int[Math.min(n, data.size())];
        java.util.Arrays.setAll(first, i -> i);
        return labelsFor(data, first);
    }

    private void checkLabels(int[] labels, int n) {
        config.checkLabelsGiven(labels != null);
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(
                    "got " + labels.length + " labels for " + n + " rows");
        }
    }

    private OneHot oneHot(int n) {
        return config.conditional()
                ? new OneHot(Math.max(1, Math.min(DEFAULT_BATCH, n)), config.classes())
                : null;
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
    public ElboMetrics evaluate(ImageSet data, int batchSize, long seed) {
        checkShape(data);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        ImageSet prepared = Batches.prepare(data, config.binarization());
        EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        int n = prepared.size();
        BatchBuffer buffer = new BatchBuffer(Math.min(batchSize, n), d());
        if (config.conditional()) {
            OneHot.requireLabels(data, config.classes());
        }
        OneHot labels =
                config.conditional() ? new OneHot(Math.min(batchSize, n), config.classes()) : null;
        double rec = 0;
        double kl = 0;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = buffer.images(bm, prepared, from, count);
                x = Batches.binarize(x, config.binarization());
                NDList in = labels == null
                        ? new NDList(x)
                        : new NDList(x, labels.batch(bm, prepared, null, from, count));
                NDList out = block.forward(parameterStore, in, false);
                NDList terms =
                        Elbo.terms(config, block.logSigma(parameterStore, x.getDevice(), false),
                                out, x);
                rec += terms.get(0).sum().getFloat();
                kl += terms.get(1).sum().getFloat();
            }
        }
        return ElboMetrics.fromSums(rec, kl, n);
    }

    /**
     * Throws if the images do not have the model's shape.
     *
     * @param data the images
     */
    public void checkShape(ImageSet data) {
        if (data.channels() != config.channels()
                || data.height() != config.height()
                || data.width() != config.width()) {
            throw new IllegalArgumentException(
                    data.source()
                            + ": images are "
                            + data.channels()
                            + "x"
                            + data.height()
                            + "x"
                            + data.width()
                            + " but the model expects "
                            + config.channels()
                            + "x"
                            + config.height()
                            + "x"
                            + config.width());
        }
    }

    private int d() {
        return config.inputSize();
    }

    private static float[] flatten(float[][] rows, int from, int count, int width) {
        float[] flat = new float[count * width];
        for (int i = 0; i < count; i++) {
            float[] row = rows[from + i];
            if (row.length != width) {
                throw new IllegalArgumentException(
                        "row " + (from + i) + " has " + row.length + " values, the model needs "
                                + width);
            }
            System.arraycopy(row, 0, flat, i * width, width);
        }
        return flat;
    }

    private static void unflatten(float[] flat, float[][] out, int from, int width) {
        int count = flat.length / width;
        for (int i = 0; i < count; i++) {
            out[from + i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
