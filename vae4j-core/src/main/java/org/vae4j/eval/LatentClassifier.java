package org.vae4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The "M1" semi-supervised baseline of Kingma et al. (2014), "Semi-supervised learning with deep
 * generative models": train an ordinary classifier on a few labelled feature vectors (VAE latent
 * means, or raw pixels for comparison) and report its test accuracy.
 *
 * <p>The classifiers come from <a href="https://tribuo.org/">Tribuo</a> 4.3 (Apache-2.0, pure Java):
 * multinomial logistic regression ({@link LinearSGDTrainer} with the {@link LogMulticlass} objective)
 * and k-nearest neighbours ({@link KNNTrainer} with a {@link VotingCombiner}). Feature vectors become
 * dense Tribuo examples with features named {@code f0 .. f(d-1)}; class labels become Tribuo
 * {@link Label}s named by the int's decimal string, so any int values work. Both fits are
 * deterministic.
 *
 * <p>By default the classifiers see the features as they are. Measured on Fashion-MNIST (MLP VAE
 * 784-400-20, 10 labels per class, 3 label draws), standardizing hurt every combination: k-NN on
 * latent means fell from 0.61-0.63 to 0.51-0.54 test accuracy, because latent units the VAE left
 * inactive (posterior mean ~0 for every image) and always-black border pixels have tiny variance,
 * and dividing by it turns them into full-scale noise. Latent means are already in the prior's
 * units and pixels share [0, 1]. The seven-argument overload standardizes on given rows (e.g. the
 * unlabelled pool) for features without a common scale; the standard deviation is then floored at
 * {@link #STD_FLOOR}, and the test set is never looked at.
 */
public final class LatentClassifier {

    /** Method name of the logistic-regression row. */
    public static final String LOGISTIC = "logistic";

    /** Method name of the k-nearest-neighbour row. */
    public static final String KNN_METHOD = "knn";

    /**
     * Initial learning rate of the logistic regression's plain SGD; the rate at step {@code t} (counted
     * over all epochs, from 1) is {@code LOGISTIC_LEARNING_RATE / sqrt(t)} (Tribuo's
     * {@link SGD#getSqrtDecaySGD(double)}), one example per step.
     *
     * <p>Why plain SGD and not Tribuo's stock {@code LogisticRegressionTrainer} (AdaGrad, learning rate
     * 1, 5 epochs): AdaGrad rescales every coordinate by its own gradient history, so its first steps
     * move every weight by about the learning rate whatever the gradient's size. With a handful of
     * labels that gives pure-noise features as much weight as informative ones and the accumulated
     * scaling never averages out. On Gaussian blobs (20-D, 10 classes, 1–10 labels per class, 20
     * seeds) AdaGrad, with or without Tribuo's L2-regularized AdaGradRDA, scored 0.06–0.17 below
     * Smile's L2-penalized L-BFGS fit that this class used before; plain SGD with this schedule
     * matched or beat it (by 0.01–0.04) for every label count tried (1 to 50 per class, 5–50-D, 3–10
     * classes), and learning rates 0.25–1 and 50–200 epochs all gave the same picture.
     *
     * <p>There is no explicit L2 penalty (Tribuo's SGD trainers have none); the fixed step budget and
     * the decaying rate keep the weights finite when the labelled points are linearly separable, which
     * with a few labels per class they usually are. The values are fixed, not tuned per data set: with
     * a handful of labels there is no validation set to tune them on honestly.
     */
    public static final double LOGISTIC_LEARNING_RATE = 0.5;

    /** Passes over the labelled set made by the logistic regression's SGD. */
    public static final int LOGISTIC_EPOCHS = 100;

    /**
     * Seed of the logistic regression's per-epoch shuffle (the weights start at zero). A fresh
     * trainer is built on every call, so equal inputs give equal results.
     */
    public static final long LOGISTIC_SEED = 12345L;

    /** Number of neighbours when every class has at least this many labelled examples. */
    public static final int KNN_K = 5;

    /** Floor of the per-feature standard deviation used for standardization. */
    public static final double STD_FLOOR = 1e-6;

    /**
     * Tribuo logs through {@code java.util.logging}; its SGD trainer logs two INFO lines ("Training SGD
     * model with N examples", "Outputs - ...") on every fit, i.e. on every {@code evaluate} call.
     * Held in a field because JUL keeps loggers only weakly; the level is raised to WARNING only if
     * nobody has configured it, so an explicit logging configuration still wins.
     */
    private static final Logger TRIBUO_SGD_LOGGER = Logger.getLogger(AbstractSGDTrainer.class.getName());

    static {
        if (TRIBUO_SGD_LOGGER.getLevel() == null) {
            TRIBUO_SGD_LOGGER.setLevel(Level.WARNING);
        }
    }

    private LatentClassifier() {}

    /**
     * Picks {@code perClass} example indices of each class present in {@code labels}.
     *
     * <p>Classes are visited in ascending order; for each, the indices of its examples (in ascending
     * order) are partially shuffled by Fisher–Yates with one {@link SplittableRandom} seeded with
     * {@code seed} and shared across classes, and the first {@code perClass} are taken. The result is
     * grouped by class (ascending), {@code perClass} indices per class, and is deterministic for a
     * given seed and label array.
     *
     * @param labels class label of every example
     * @param perClass number of examples to pick from each class, {@code > 0}
     * @param seed random seed
     * @return {@code perClass * numClasses} distinct indices into {@code labels}
     * @throws IllegalArgumentException if {@code perClass <= 0}, {@code labels} is empty, or a class
     *     has fewer than {@code perClass} examples
     */
    public static int[] sampleLabelled(int[] labels, int perClass, long seed) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("labels must be non-empty");
        }
        if (perClass <= 0) {
            throw new IllegalArgumentException("perClass must be > 0, got " + perClass);
        }
        TreeMap<Integer, List<Integer>> byClass = indicesByClass(labels);
        for (var e : byClass.entrySet()) {
            if (e.getValue().size() < perClass) {
                throw new IllegalArgumentException("class " + e.getKey() + " has only " + e.getValue().size()
                        + " examples, fewer than perClass = " + perClass);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[perClass * byClass.size()];
        int pos = 0;
        for (List<Integer> members : byClass.values()) {
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            int n = idx.length;
            for (int i = 0; i < perClass; i++) {
                int j = i + rng.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                out[pos++] = idx[i];
            }
        }
        return out;
    }

    /**
     * Fits logistic regression and k-NN on the labelled features as they are, and scores them on
     * the test set.
     *
     * <p>k-NN uses {@code k = min(}{@link #KNN_K}{@code , trainSize)} when every class has at least
     * {@link #KNN_K} labelled examples, and 1-NN otherwise: with fewer labels per class than
     * neighbours, every vote necessarily includes examples of other classes (with 1 label per class,
     * 5-NN would vote among 5 different classes), which only adds noise and ties.
     *
     * @param featureName name of the feature representation, copied into the result rows
     * @param trainX labelled training features, one row per example, all rows the same length
     * @param trainY training labels (any ints; at least two distinct classes)
     * @param testX test features, rows the same length as {@code trainX}'s
     * @param testY test labels
     * @param labelsPerClass number of labels per class the training set was drawn with (reported)
     * @return two rows, {@code "logistic"} then {@code "knn"}, with test accuracy as fraction correct
     * @throws IllegalArgumentException on empty inputs, mismatched lengths or dimensions, non-finite
     *     values, fewer than two classes, or {@code labelsPerClass <= 0}
     */
    public static List<ClassifierAccuracy> evaluate(String featureName, double[][] trainX, int[] trainY,
            double[][] testX, int[] testY, int labelsPerClass) {
        return fitAndScore(featureName, trainX, trainY, testX, testY, labelsPerClass, null);
    }

    /**
     * As {@link #evaluate(String, double[][], int[], double[][], int[], int)}, but first
     * standardizes every feature with the mean and standard deviation of {@code unlabelledX} (e.g.
     * the features of the whole training split, labels unused), for features without a common
     * scale.
     *
     * <p>That is legitimate in the semi-supervised setting, where the unlabelled training data is
     * available, and matters when labels are very scarce: with 1-2 labels per class the per-feature
     * standard deviation of the labelled set alone would be a poor estimate.
     *
     * @param unlabelledX rows to compute the standardization statistics on, same width as
     *     {@code trainX}; {@code null} to use the features as they are
     * @return as the six-argument overload
     */
    public static List<ClassifierAccuracy> evaluate(String featureName, double[][] trainX, int[] trainY,
            double[][] testX, int[] testY, int labelsPerClass, double[][] unlabelledX) {
        return fitAndScore(featureName, trainX, trainY, testX, testY, labelsPerClass, unlabelledX);
    }

    private static List<ClassifierAccuracy> fitAndScore(String featureName, double[][] trainX,
            int[] trainY, double[][] testX, int[] testY, int labelsPerClass, double[][] standardizeOn) {
        if (featureName == null || featureName.isBlank()) {
            throw new IllegalArgumentException("featureName must be a non-blank name");
        }
        if (labelsPerClass <= 0) {
            throw new IllegalArgumentException("labelsPerClass must be > 0, got " + labelsPerClass);
        }
        int dim = checkSet("train", trainX, trainY, -1);
        checkSet("test", testX, testY, dim);
        if (standardizeOn != null) {
            checkSet("unlabelled", standardizeOn, new int[standardizeOn.length], dim);
        }
        TreeMap<Integer, List<Integer>> classes = indicesByClass(trainY);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("training labels must contain at least 2 classes, got "
                    + classes.size() + " " + classes.keySet());
        }
        int minPerClass = classes.values().stream().mapToInt(List::size).min().orElseThrow();

        double[][] xTrain = trainX;
        double[][] xTest = testX;
        if (standardizeOn != null) {
            double[] mean = new double[dim];
            double[] std = new double[dim];
            fitStandardizer(standardizeOn, mean, std);
            xTrain = standardize(trainX, mean, std);
            xTest = standardize(testX, mean, std);
        }

        LabelFactory labels = new LabelFactory();
        String[] names = featureNames(dim);
        MutableDataset<Label> train =
                new MutableDataset<>(new SimpleDataSourceProvenance("labelled " + featureName, labels), labels);
        for (int i = 0; i < xTrain.length; i++) {
            train.add(new ArrayExample<>(new Label(Integer.toString(trainY[i])), names, xTrain[i]));
        }
        List<Example<Label>> test = new ArrayList<>(xTest.length);
        for (double[] row : xTest) {
            test.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row));
        }

        LinearSGDTrainer logisticTrainer = new LinearSGDTrainer(new LogMulticlass(),
                SGD.getSqrtDecaySGD(LOGISTIC_LEARNING_RATE), LOGISTIC_EPOCHS, -1, 1, LOGISTIC_SEED);
        int k = minPerClass < KNN_K ? 1 : Math.min(KNN_K, xTrain.length);
        KNNTrainer<Label> knnTrainer = new KNNTrainer<>(k, new L2Distance(), 1, new VotingCombiner(),
                KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE);

        List<ClassifierAccuracy> rows = new ArrayList<>(2);
        rows.add(new ClassifierAccuracy(featureName, LOGISTIC, labelsPerClass, xTrain.length, xTest.length,
                accuracy(logisticTrainer.train(train), test, testY)));
        rows.add(new ClassifierAccuracy(featureName, KNN_METHOD, labelsPerClass, xTrain.length, xTest.length,
                accuracy(knnTrainer.train(train), test, testY)));
        return List.copyOf(rows);
    }

    /** Validates one (x, y) pair; returns the row dimension. {@code dim < 0} means "take row 0's". */
    private static int checkSet(String name, double[][] x, int[] y, int dim) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(name + " features and labels must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + " features and labels differ in length: "
                    + x.length + " rows vs " + y.length + " labels");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " set is empty");
        }
        int d = dim < 0 ? (x[0] == null ? 0 : x[0].length) : dim;
        if (d == 0) {
            throw new IllegalArgumentException(name + " features have 0 dimensions");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (x[i] == null ? "no" : String.valueOf(x[i].length)) + " features, expected " + d
                        + (dim < 0 ? " (as row 0)" : " (as the training rows)"));
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + " row " + i + " feature " + j + " is " + x[i][j]);
                }
            }
        }
        return d;
    }

    private static TreeMap<Integer, List<Integer>> indicesByClass(int[] labels) {
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        return byClass;
    }

    /** Per-feature mean and population standard deviation (floored at {@link #STD_FLOOR}). */
    private static void fitStandardizer(double[][] x, double[] mean, double[] std) {
        int n = x.length;
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < std.length; j++) {
                double d = row[j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.max(Math.sqrt(std[j] / n), STD_FLOOR);
        }
    }

    private static double[][] standardize(double[][] x, double[] mean, double[] std) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    /** {@code "f0" .. "f(dim-1)"}: the Tribuo feature names of the columns. */
    private static String[] featureNames(int dim) {
        String[] names = new String[dim];
        for (int j = 0; j < dim; j++) {
            names[j] = "f" + j;
        }
        return names;
    }

    /** Fraction of {@code x} whose predicted label name is the decimal string of the true label. */
    private static double accuracy(Model<Label> model, List<Example<Label>> x, int[] y) {
        List<Prediction<Label>> predictions = model.predict(x);
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (predictions.get(i).getOutput().getLabel().equals(Integer.toString(y[i]))) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }
}
