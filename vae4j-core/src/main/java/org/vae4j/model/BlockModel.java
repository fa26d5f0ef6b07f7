package org.vae4j.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.vae4j.data.OneHot;
import org.vae4j.engine.EngineSetup;

/**
 * The common part of models held in one DJL block: the configuration, the manager that owns the
 * parameters, the parameter store, and the batching of Java arrays through the block in chunks
 * of {@value #DEFAULT_BATCH} rows, so no NDArray escapes to callers.
 *
 * @param <C> the family's configuration
 */
public abstract class BlockModel<C extends ModelConfig> implements GenerativeModel {

    /** Rows per forward pass of the array methods. */
    protected static final int DEFAULT_BATCH = 1000;

    private final C config;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore parameterStore;

    /**
     * Wraps an initialised block; the model takes ownership of the manager.
     *
     * @param config the configuration
     * @param manager owns the parameters
     * @param block the initialised block
     */
    protected BlockModel(C config, NDManager manager, Block block) {
        this.config = config;
        this.manager = manager;
        this.block = block;
        this.parameterStore = new ParameterStore(manager, false);
    }

    @Override
    public C config() {
        return config;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** Wraps a block and the manager that owns it into a model. */
    @FunctionalInterface
    protected interface Wrap<B, M> {
        /**
         * Makes the model.
         *
         * @param manager owns the parameters
         * @param block the initialised block
         * @return the model
         */
        M of(NDManager manager, B block);
    }

    /**
     * Builds a model with freshly initialised parameters: seeds the engine's generator, then
     * initialises the block for rows of {@code inputWidth}; the manager is closed if that fails.
     *
     * @param seed seeds the initialisation
     * @param device where the parameters live
     * @param inputWidth D, the width of the block's input rows
     * @param factory builds the uninitialised block
     * @param wrap makes the model
     * @param <B> the block type
     * @param <M> the model type
     * @return the model
     */
    protected static <B extends AbstractBlock, M> M initialised(long seed, Device device,
            int inputWidth, Supplier<B> factory, Wrap<B, M> wrap) {
        Engine engine = EngineSetup.engine();
        NDManager manager = engine.newBaseManager(device);
        try {
            engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
            B block = factory.get();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, inputWidth));
            return wrap.of(manager, block);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Builds a model from saved parameters ({@link #loadBlock}); the manager is closed if that
     * fails.
     *
     * @param in the parameter stream
     * @param device where the parameters live
     * @param inputWidth D
     * @param factory builds an uninitialised block of the configuration
     * @param wrap makes the model
     * @param <B> the block type
     * @param <M> the model type
     * @return the model
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if a parameter has another shape than the configuration
     *     needs
     */
    protected static <B extends AbstractBlock, M> M loaded(DataInputStream in, Device device,
            int inputWidth, Supplier<B> factory, Wrap<B, M> wrap)
            throws IOException, MalformedModelException {
        NDManager manager = EngineSetup.engine().newBaseManager(device);
        try {
            return wrap.of(manager, loadBlock(factory, new Shape(1, inputWidth), in, manager));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Reads a block's parameters and checks every shape against a freshly built block.
     *
     * @param factory builds an uninitialised block of the configuration
     * @param inputShape the shape the block is initialised with
     * @param in the parameter stream
     * @param manager the manager that will own the parameters
     * @param <B> the block type
     * @return the loaded block
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if a parameter has another shape than the configuration
     *     needs
     */
    protected static <B extends AbstractBlock> B loadBlock(Supplier<B> factory, Shape inputShape,
            DataInputStream in, NDManager manager) throws IOException, MalformedModelException {
        B loaded = factory.get();
        loaded.loadParameters(manager, in);
        try (NDManager scratch = manager.newSubManager()) {
            B fresh = factory.get();
            fresh.initialize(scratch, DataType.FLOAT32, inputShape);
            var want = fresh.getParameters();
            var got = loaded.getParameters();
            for (int i = 0; i < want.size(); i++) {
                Shape expected = want.get(i).getValue().getArray().getShape();
                Parameter p = got.get(i).getValue();
                Shape actual = p.isInitialized() ? p.getArray().getShape() : null;
                if (!expected.equals(actual)) {
                    throw new MalformedModelException("parameter " + want.get(i).getKey()
                            + " has shape " + actual + " but the configuration needs "
                            + expected);
                }
            }
        }
        return loaded;
    }

    /** What one chunk of rows becomes: one or more arrays of {@code [count, width]}. */
    @FunctionalInterface
    protected interface ChunkFunction {
        /**
         * Runs the block on a chunk.
         *
         * @param manager the chunk's manager
         * @param x the rows {@code [count, inWidth]}
         * @param y one-hot labels {@code [count, K]} or null
         * @return the outputs, each {@code [count, width_i]}
         */
        NDList apply(NDManager manager, NDArray x, NDArray y);
    }

    /**
     * Runs {@code f} over rows in chunks and returns each output as Java rows.
     *
     * @param rows {@code [N][inWidth]}
     * @param labels {@code [N]} labels for a conditional model, else null
     * @param inWidth values per input row
     * @param outputs how many arrays {@code f} returns
     * @param f the computation
     * @return per output, {@code [N][width]}
     */
    protected List<float[][]> mapRows(float[][] rows, int[] labels, int inWidth, int outputs,
            ChunkFunction f) {
        int n = rows.length;
        checkLabels(labels, n);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            out.add(new float[n][]);
        }
        OneHot oneHot = config.conditional()
                ? new OneHot(Math.max(1, Math.min(DEFAULT_BATCH, n)), config.classes())
                : null;
        for (int from = 0; from < n; from += DEFAULT_BATCH) {
            int count = Math.min(DEFAULT_BATCH, n - from);
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = bm.create(flatten(rows, from, count, inWidth),
                        new Shape(count, inWidth));
                NDArray y = oneHot == null ? null : oneHot.of(bm, labels, from, count);
                NDList results = f.apply(bm, x, y);
                for (int i = 0; i < outputs; i++) {
                    float[] flat = results.get(i).toFloatArray();
                    unflatten(flat, out.get(i), from, flat.length / count);
                }
            }
        }
        return out;
    }

    private void checkLabels(int[] labels, int n) {
        config.checkLabelsGiven(labels != null);
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(
                    "got " + labels.length + " labels for " + n + " rows");
        }
    }

    private static float[] flatten(float[][] rows, int from, int count, int width) {
        float[] flat = new float[count * width];
        for (int i = 0; i < count; i++) {
            float[] row = rows[from + i];
            if (row.length != width) {
                throw new IllegalArgumentException("row " + (from + i) + " has " + row.length
                        + " values, the model needs " + width);
            }
            System.arraycopy(row, 0, flat, i * width, width);
        }
        return flat;
    }

    private static void unflatten(float[] flat, float[][] out, int from, int width) {
        int count = flat.length / width;
        for (int i = 0; i < count; i++) {
            out[from + i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
