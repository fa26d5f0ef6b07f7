package org.vae4j.eval.quality;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Shuffler;
import org.vae4j.engine.EngineSetup;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.ParameterOptimizer;
import org.vae4j.train.TrainOptions;

/**
 * Trains a {@link DomainClassifier} on labelled images: softmax cross-entropy, Adam with a cosine
 * learning-rate decay per epoch, shuffled batches, and at the end its accuracy on held-out
 * images. A loop of its own, as {@code train.Trainer} is for generative families.
 *
 * <p>Reproducible for a seed: the engine's generator is seeded before the initialisation and at
 * every epoch (dropout masks), and the batch order comes from {@link Shuffler}.
 */
public final class ClassifierTraining {

    private ClassifierTraining() {}

    /**
     * Trains a classifier.
     *
     * @param train labelled training images, labels in [0, K) with K &ge; 2
     * @param test labelled held-out images of the same shape, for the reported accuracy
     * @param options shape and training of the network
     * @param progress told one line per epoch (may be null)
     * @return the trained classifier with its test accuracy; close it
     * @throws IllegalArgumentException if the images lack labels, have one class, or differ in
     *     shape
     */
    public static DomainClassifier train(ImageSet train, ImageSet test, ClassifierOptions options,
            Consumer<String> progress) {
        ClassifierInfo info = describe(train, test, options);
        Engine engine = EngineSetup.engine();
        NDManager manager = engine.newBaseManager();
        try {
            engine.setRandomSeed(seed32(options.seed(), -1));
            SequentialBlock net = DomainClassifier.network(info);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, info.rowWidth()));
            fit(engine, manager, net, train, info, progress);
            DomainClassifier c = DomainClassifier.of(manager, net, info);
            return c.withAccuracy(c.accuracy(test));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** What the classifier will be, checked against both sets. */
    static ClassifierInfo describe(ImageSet train, ImageSet test, ClassifierOptions options) {
        for (ImageSet s : List.of(train, test)) {
            if (!s.hasLabels()) {
                throw new IllegalArgumentException(s.source() + ": the quality classifier"
                        + " trains and is tested on labelled images; these have no labels");
            }
        }
        if (test.channels() != train.channels() || test.height() != train.height()
                || test.width() != train.width()) {
            throw new IllegalArgumentException(test.source() + ": images are "
                    + test.channels() + "x" + test.height() + "x" + test.width() + " but "
                    + train.source() + " has " + train.channels() + "x" + train.height() + "x"
                    + train.width());
        }
        int classes = 0;
        for (int i = 0; i < train.size(); i++) {
            classes = Math.max(classes, train.label(i) + 1);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(train.source() + ": a classifier needs at least 2"
                    + " classes, the labels have " + classes);
        }
        return new ClassifierInfo(train.channels(), train.height(), train.width(), classes,
                options, train.fingerprint(), train.size(), test.fingerprint(), test.size(),
                Double.NaN);
    }

    private static void fit(Engine engine, NDManager manager, SequentialBlock net,
            ImageSet train, ClassifierInfo info, Consumer<String> progress) {
        ClassifierOptions o = info.options();
        ParameterStore store = new ParameterStore(manager, false);
        BatchSource source = BatchSource.of(train, o.batchSize(), Binarization.NONE,
                info.classes());
        TrainOptions adam = new TrainOptions(o.epochs(), o.batchSize(), o.learningRate(),
                OptimizerKind.ADAM, 0, 1, o.seed(), 0);
        try (ParameterOptimizer optimizer = new ParameterOptimizer(manager, trainable(net),
                adam)) {
            for (int epoch = 0; epoch < o.epochs(); epoch++) {
                // Cosine decay to 0 over the epochs: the last epoch's steps are small.
                optimizer.setLearningRate(o.learningRate() * 0.5
                        * (1 + Math.cos(Math.PI * epoch / o.epochs())));
                engine.setRandomSeed(seed32(o.seed(), epoch));
                int[] order = Shuffler.permutation(train.size(), o.seed(), epoch);
                double lossSum = 0;
                long right = 0;
                for (int from = 0; from < train.size(); from += o.batchSize()) {
                    int count = Math.min(o.batchSize(), train.size() - from);
                    try (NDManager bm = manager.newSubManager()) {
                        Batch b = source.batch(bm, order, from, count);
                        NDArray loss;
                        NDArray logits;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            logits = net.forward(store, new NDList(b.x()), true)
                                    .singletonOrThrow();
                            loss = logits.logSoftmax(1).mul(b.y()).sum(new int[] {1}).neg()
                                    .mean();
                            gc.backward(loss);
                        }
                        float value = loss.getFloat();
                        if (!Float.isFinite(value)) {
                            throw new IllegalStateException("classifier loss is " + value
                                    + " at epoch " + (epoch + 1) + "; try a lower learning rate");
                        }
                        optimizer.step();
                        lossSum += (double) value * count;
                        right += logits.argMax(1).eq(b.y().argMax(1)).sum().getLong();
                    }
                }
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT,
                            "classifier epoch %d/%d: loss %.4f, training accuracy %.4f",
                            epoch + 1, o.epochs(), lossSum / train.size(),
                            (double) right / train.size()));
                }
            }
        }
    }

    /** Parameters with gradients: batch norm's running statistics are not trained. */
    private static List<Parameter> trainable(SequentialBlock net) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /** The engine's 32-bit seed for a run seed and an epoch (-1: the initialisation). */
    private static int seed32(long seed, int epoch) {
        long h = seed * 0x9E3779B97F4A7C15L + (epoch + 1) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h;
    }
}
