package org.vae4j.eval.quality;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.vae4j.data.Dataset;
import org.vae4j.engine.EngineSetup;

/**
 * A small image classifier of the data's own domain ({@link LeNet}'s shape), whose penultimate
 * layer gives the features the sample-quality metrics compare, and whose softmax gives the class
 * of a sample and the confidence in it. Trained by {@link ClassifierTraining}, kept on disk by
 * {@link ClassifierCache}.
 *
 * <p>Java arrays in, Java arrays out: every NDArray lives in a per-chunk sub-manager. Close it to
 * free the parameters' native memory. Not thread-safe.
 */
public final class DomainClassifier implements AutoCloseable {

    /** Images per forward pass. */
    private static final int CHUNK = 500;

    private final NDManager manager;
    private final SequentialBlock network;
    private final Block features;
    private final Block head;
    private final ParameterStore store;
    private final ClassifierInfo info;

    private DomainClassifier(NDManager manager, SequentialBlock network, ClassifierInfo info) {
        this.manager = manager;
        this.network = network;
        this.features = network.getChildren().get(0).getValue();
        this.head = network.getChildren().get(1).getValue();
        this.store = new ParameterStore(manager, false);
        this.info = info;
    }

    /** The untrained network: features then head, for {@link ClassifierTraining}. */
    static SequentialBlock network(ClassifierInfo info) {
        SequentialBlock net = new SequentialBlock();
        net.add(LeNet.features(info.channels(), info.height(), info.width(), info.options()));
        net.add(LeNet.head(info.classes()));
        return net;
    }

    /** Wraps a trained network; the classifier owns the manager from now on. */
    static DomainClassifier of(NDManager manager, SequentialBlock network, ClassifierInfo info) {
        return new DomainClassifier(manager, network, info);
    }

    /** The same parameters with the measured accuracy recorded. */
    DomainClassifier withAccuracy(double accuracy) {
        return new DomainClassifier(manager, network, info.withAccuracy(accuracy));
    }

    /**
     * Reads a classifier saved by {@link #writeParameters}.
     *
     * @param info what it is (from the cache's description)
     * @param in its parameters
     * @return the classifier
     * @throws IOException if the stream cannot be read
     * @throws MalformedModelException if the parameters do not fit the description
     */
    static DomainClassifier read(ClassifierInfo info, DataInputStream in)
            throws IOException, MalformedModelException {
        NDManager manager = EngineSetup.engine().newBaseManager();
        try {
            SequentialBlock net = network(info);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, info.rowWidth()));
            var want = net.getParameters();
            java.util.List<Shape> shapes = new java.util.ArrayList<>();
            want.forEach(p -> shapes.add(p.getValue().getArray().getShape()));
            net.loadParameters(manager, in);
            var got = net.getParameters();
            for (int i = 0; i < shapes.size(); i++) {
                Shape actual = got.get(i).getValue().getArray().getShape();
                if (!shapes.get(i).equals(actual)) {
                    throw new MalformedModelException("parameter " + got.get(i).getKey()
                            + " has shape " + actual + " but the classifier needs "
                            + shapes.get(i));
                }
            }
            if (in.read() != -1) {
                throw new MalformedModelException("trailing bytes after the parameters");
            }
            return new DomainClassifier(manager, net, info);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Writes the parameters in DJL's block format.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    void writeParameters(DataOutputStream out) throws IOException {
        network.saveParameters(out);
    }

    /**
     * Returns what the classifier is and how accurate it is.
     *
     * @return the description
     */
    public ClassifierInfo info() {
        return info;
    }

    /**
     * Features and class probabilities of images given as rows.
     *
     * @param rows {@code [N][C·H·W]} pixel values in [0, 1], e.g. a {@code Sampler}'s draws
     * @return the embedding
     * @throws IllegalArgumentException if a row has another width than the classifier's images
     */
    public Embedding embed(float[][] rows) {
        int d = info.rowWidth();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("image " + i + " has " + rows[i].length
                        + " values but the classifier reads " + info.channels() + "x"
                        + info.height() + "x" + info.width() + " = " + d);
            }
        }
        return embed(rows.length, (from, count, dst) -> {
            for (int i = 0; i < count; i++) {
                System.arraycopy(rows[from + i], 0, dst, i * d, d);
            }
        });
    }

    /**
     * Features and class probabilities of a data set's rows, in order.
     *
     * @param data images of the classifier's shape
     * @return the embedding
     * @throws IllegalArgumentException if the rows have another width
     */
    public Embedding embed(Dataset data) {
        if (data.rowWidth() != info.rowWidth()) {
            throw new IllegalArgumentException(data.source() + ": rows of " + data.rowWidth()
                    + " values but the classifier reads " + info.rowWidth());
        }
        return embed(data.size(), (from, count, dst) -> data.copyRows(null, from, count, dst));
    }

    /**
     * The fraction of labelled images classified correctly.
     *
     * @param data labelled images
     * @return accuracy in [0, 1]
     * @throws IllegalArgumentException if the data has no labels
     */
    public double accuracy(Dataset data) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(data.source() + ": accuracy needs labels");
        }
        int[] predicted = embed(data).predictions();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == data.label(i)) {
                right++;
            }
        }
        return (double) right / predicted.length;
    }

    /** Copies rows {@code from .. from + count} into a flat buffer. */
    @FunctionalInterface
    private interface Rows {
        void copy(int from, int count, float[] dst);
    }

    private Embedding embed(int n, Rows rows) {
        int d = info.rowWidth();
        float[][] f = new float[n][];
        float[][] p = new float[n][];
        float[] buffer = new float[Math.min(CHUNK, Math.max(n, 1)) * d];
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            rows.copy(from, count, buffer);
            try (NDManager cm = manager.newSubManager()) {
                NDArray x = cm.create(java.nio.FloatBuffer.wrap(buffer, 0, count * d),
                        new Shape(count, d));
                NDArray feat = features.forward(store, new NDList(x), false).singletonOrThrow();
                NDArray prob = head.forward(store, new NDList(feat), false).singletonOrThrow()
                        .softmax(1);
                split(feat.toFloatArray(), f, from, count);
                split(prob.toFloatArray(), p, from, count);
            }
        }
        return new Embedding(f, p);
    }

    private static void split(float[] flat, float[][] out, int from, int count) {
        int w = flat.length / count;
        for (int i = 0; i < count; i++) {
            float[] row = new float[w];
            System.arraycopy(flat, i * w, row, 0, w);
            out[from + i] = row;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
