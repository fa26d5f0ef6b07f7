package org.vae4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.TreeSet;
import org.vae4j.engine.EngineSetup;

/**
 * Label spreading (Zhou et al. 2004, "Learning with local and global consistency") on a
 * k-nearest-neighbour graph: a semi-supervised classifier that, unlike logistic regression and
 * k-NN on the labelled images alone, also uses a pool of <em>unlabelled</em> training images.
 * Kingma et al.'s M1 result was obtained this way, with a transductive SVM on the latent means;
 * neither Tribuo nor Smile offers a transductive or graph-based classifier, hence this class.
 *
 * <p>Graph: the nodes are the {@code P} pool rows followed by the {@code L} labelled rows. Each node
 * links to its {@code k} nearest pool rows (squared Euclidean distance {@code d²}, itself
 * excluded) with weight {@code w = exp(-d² / s)}, where {@code s} is the median {@code d²} over
 * the pool's own neighbour lists; {@code W = A + Aᵀ} makes the links symmetric.
 * With {@code D = diag(W 1)} and {@code S = D^{-1/2} W D^{-1/2}}, the class scores start at the
 * one-hot labels {@code Y} (zero rows for pool nodes) and are iterated
 * {@code F ← α S F + (1 − α) Y} for a fixed number of rounds.
 *
 * <p>Test images are not graph nodes (the test set is never looked at while spreading): an image's
 * class scores are {@code Σ_j w(x, j) F̂_j} over its {@code k} nearest pool rows {@code j}, with
 * {@code F̂} each row of {@code F} divided by its sum, and the prediction is the arg max.
 *
 * <p>Building costs {@code (P + T) · P} distances (T test rows), computed by the tensor engine in
 * blocks; it is done once in {@link #prepare} and reused by every {@link #predict} call, which only
 * adds the labelled rows' links. On Fashion-MNIST with a 20,000-image pool: a few seconds for 32-d
 * latent means, about a minute for 784 pixels on 2 cores.
 */
public final class LabelSpreading {

    /** Method name of label spreading's rows in {@link ClassifierAccuracy}. */
    public static final String METHOD = "spread";

    /** Rows per block of the distance computation (a block of 20,000 distances each is 40 MB). */
    private static final int BLOCK = 512;

    /**
     * Settings, fixed a priori (Zhou et al.'s α = 0.99), not tuned on any test set. The iteration
     * converges to Zhou et al.'s closed form {@code (1 − α)(I − α S)⁻¹ Y} at rate α per round (the
     * eigenvalues of S lie in [−1, 1]); 500 rounds leave a relative error below {@code 0.99^500 <
     * 0.7%}. Far fewer rounds only spread each label a few links from where it started.
     *
     * @param neighbours {@code k}, links per node and neighbours per test image, {@code > 0}
     * @param alpha weight of the propagated scores against the labels, in {@code (0, 1)}
     * @param iterations rounds of {@code F ← α S F + (1 − α) Y}, {@code > 0}
     */
    public record Options(int neighbours, double alpha, int iterations) {

        /** k = 10, α = 0.99, 500 rounds. */
        public static final Options DEFAULTS = new Options(10, 0.99, 500);

        /** Checks the ranges. */
        public Options {
            if (neighbours <= 0) {
                throw new IllegalArgumentException("neighbours must be > 0, got " + neighbours);
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (iterations <= 0) {
                throw new IllegalArgumentException("iterations must be > 0, got " + iterations);
            }
        }
    }

    private final Options options;
    private final float[][] pool;
    private final int k;
    /** Pool node i's neighbours (pool indices) and their squared distances, k per node. */
    private final int[][] poolIdx;
    private final float[][] poolDist;
    /** Test row t's nearest pool rows and squared distances. */
    private final int[][] testIdx;
    private final float[][] testDist;
    private final double scale;

    private LabelSpreading(Options options, float[][] pool, int k, int[][] poolIdx, float[][] poolDist,
            int[][] testIdx, float[][] testDist, double scale) {
        this.options = options;
        this.pool = pool;
        this.k = k;
        this.poolIdx = poolIdx;
        this.poolDist = poolDist;
        this.testIdx = testIdx;
        this.testDist = testDist;
        this.scale = scale;
    }

    /**
     * Builds the pool's neighbour graph and the test rows' neighbour lists.
     *
     * @param pool unlabelled rows, {@code P × d}, {@code P ≥ 2}
     * @param test rows to classify later, {@code T × d}
     * @param options graph and iteration settings; {@code k} is capped at {@code P − 1}
     * @return the prepared graph
     * @throws IllegalArgumentException on empty or ragged inputs, differing widths or non-finite
     *     values
     */
    public static LabelSpreading prepare(float[][] pool, float[][] test, Options options) {
        int d = checkRows("pool", pool, -1);
        checkRows("test", test, d);
        if (pool.length < 2) {
            throw new IllegalArgumentException("pool must have at least 2 rows, got " + pool.length);
        }
        int k = Math.min(options.neighbours(), pool.length - 1);
        int[][] poolIdx = new int[pool.length][];
        float[][] poolDist = new float[pool.length][];
        int[][] testIdx = new int[test.length][];
        float[][] testDist = new float[test.length][];
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray base = m.create(flatten(pool, d), new Shape(pool.length, d));
            NDArray baseSq = base.square().sum(new int[] {1});
            nearest(m, base, baseSq, pool, d, k, true, poolIdx, poolDist);
            nearest(m, base, baseSq, test, d, k, false, testIdx, testDist);
        }
        float[] all = new float[pool.length * k];
        for (int i = 0; i < pool.length; i++) {
            System.arraycopy(poolDist[i], 0, all, i * k, k);
        }
        Arrays.sort(all);
        double median = all[all.length / 2];
        double scale = median > 0 ? median : positiveMinimum(all);
        return new LabelSpreading(options, pool, k, poolIdx, poolDist, testIdx, testDist, scale);
    }

    /**
     * Spreads the labels of the given rows over the pool and classifies the test rows.
     *
     * @param labelledX labelled rows, {@code L × d} (may also be pool rows)
     * @param labelledY their classes (any ints, at least two distinct)
     * @return the predicted class of every test row given to {@link #prepare}
     * @throws IllegalArgumentException on mismatched lengths or widths, or fewer than two classes
     */
    public int[] predict(float[][] labelledX, int[] labelledY) {
        int[] classes = classesOf(labelledX, labelledY);
        double[][] scores = scores(labelledX, labelledY, classes);
        int[] out = new int[scores.length];
        for (int t = 0; t < scores.length; t++) {
            int best = 0;
            for (int q = 1; q < classes.length; q++) {
                if (scores[t][q] > scores[t][best]) {
                    best = q;
                }
            }
            out[t] = classes[best];
        }
        return out;
    }

    /**
     * Spreads the labels of the given rows over the pool and returns every test row's class scores
     * {@code Σ_j w(x, j) F̂_j} (see the class comment).
     *
     * @param labelledX labelled rows, {@code L × d} (may also be pool rows)
     * @param labelledY their classes (any ints, at least two distinct)
     * @return {@code T × C} scores, columns in ascending order of the distinct classes
     * @throws IllegalArgumentException on mismatched lengths or widths, or fewer than two classes
     */
    public double[][] scores(float[][] labelledX, int[] labelledY) {
        return scores(labelledX, labelledY, classesOf(labelledX, labelledY));
    }

    /** {@link #scores(float[][], int[])} for a checked labelled set with these classes. */
    private double[][] scores(float[][] labelledX, int[] labelledY, int[] classes) {
        int d = pool[0].length;
        int p = pool.length;
        int l = labelledX.length;
        int n = p + l;
        int c = classes.length;
        int[][] labelIdx = new int[l][];
        float[][] labelDist = new float[l][];
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray base = m.create(flatten(pool, d), new Shape(p, d));
            nearest(m, base, base.square().sum(new int[] {1}), labelledX, d, k, false, labelIdx, labelDist);
        }
        // Directed links A (node -> k pool rows), then W = A + A^T as an adjacency list per node.
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            int[] nb = i < p ? poolIdx[i] : labelIdx[i - p];
            degree[i] += nb.length;
            for (int j : nb) {
                degree[j]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] col = new int[start[n]];
        double[] weight = new double[start[n]];
        for (int i = 0; i < n; i++) {
            int[] nb = i < p ? poolIdx[i] : labelIdx[i - p];
            float[] dist = i < p ? poolDist[i] : labelDist[i - p];
            for (int e = 0; e < nb.length; e++) {
                double w = Math.exp(-dist[e] / scale);
                int j = nb[e];
                col[fill[i]] = j;
                weight[fill[i]++] = w;
                col[fill[j]] = i;
                weight[fill[j]++] = w;
            }
        }
        double[] invSqrtDeg = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = start[i]; e < start[i + 1]; e++) {
                s += weight[e];
            }
            invSqrtDeg[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
        }
        for (int i = 0; i < n; i++) {
            for (int e = start[i]; e < start[i + 1]; e++) {
                weight[e] *= invSqrtDeg[i] * invSqrtDeg[col[e]];
            }
        }
        double[] y = new double[n * c];
        for (int i = 0; i < l; i++) {
            y[(p + i) * c + Arrays.binarySearch(classes, labelledY[i])] = 1;
        }
        double alpha = options.alpha();
        double[] f = y.clone();
        double[] next = new double[n * c];
        for (int it = 0; it < options.iterations(); it++) {
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < c; q++) {
                    next[i * c + q] = (1 - alpha) * y[i * c + q];
                }
                for (int e = start[i]; e < start[i + 1]; e++) {
                    double w = alpha * weight[e];
                    int j = col[e] * c;
                    for (int q = 0; q < c; q++) {
                        next[i * c + q] += w * f[j + q];
                    }
                }
            }
            double[] t = f;
            f = next;
            next = t;
        }
        double[][] out = new double[testIdx.length][c];
        for (int t = 0; t < testIdx.length; t++) {
            double[] score = out[t];
            for (int e = 0; e < testIdx[t].length; e++) {
                int j = testIdx[t][e];
                double rowSum = 0;
                for (int q = 0; q < c; q++) {
                    rowSum += f[j * c + q];
                }
                if (rowSum <= 0) {
                    continue;
                }
                double w = Math.exp(-testDist[t][e] / scale) / rowSum;
                for (int q = 0; q < c; q++) {
                    score[q] += w * f[j * c + q];
                }
            }
        }
        return out;
    }

    /** Checks the labelled set against the pool's width; returns its distinct classes, ascending. */
    private int[] classesOf(float[][] labelledX, int[] labelledY) {
        checkRows("labelled", labelledX, pool[0].length);
        if (labelledY == null || labelledY.length != labelledX.length) {
            throw new IllegalArgumentException("labelled rows and labels differ in length: "
                    + labelledX.length + " rows vs "
                    + (labelledY == null ? "no" : String.valueOf(labelledY.length)) + " labels");
        }
        int[] classes = new TreeSet<>(Arrays.stream(labelledY).boxed().toList()).stream()
                .mapToInt(Integer::intValue).toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("labels must contain at least 2 classes, got "
                    + Arrays.toString(classes));
        }
        return classes;
    }

    /**
     * Fraction of test rows {@link #predict} classifies as {@code testY} says.
     *
     * @param labelledX labelled rows
     * @param labelledY their classes
     * @param testY true classes of the test rows given to {@link #prepare}
     * @return accuracy in {@code [0, 1]}
     */
    public double accuracy(float[][] labelledX, int[] labelledY, int[] testY) {
        if (testY == null || testY.length != testIdx.length) {
            throw new IllegalArgumentException("expected " + testIdx.length + " test labels, got "
                    + (testY == null ? "none" : String.valueOf(testY.length)));
        }
        int[] predicted = predict(labelledX, labelledY);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == testY[i]) {
                right++;
            }
        }
        return (double) right / predicted.length;
    }

    /** Number of pool rows in the graph. */
    public int poolSize() {
        return pool.length;
    }

    /** Neighbours per node actually used ({@code min(k, P - 1)}). */
    public int neighbours() {
        return k;
    }

    /** The distance scale {@code s} of the weights {@code exp(-d² / s)}. */
    public double scale() {
        return scale;
    }

    /**
     * The {@code k} nearest base rows of every query row, nearest first, by squared Euclidean
     * distance computed in blocks as {@code |q|² + |x|² - 2 q·x} (clamped at 0). With
     * {@code excludeSelf}, query i is base row i and is left out of its own list.
     */
    private static void nearest(NDManager m, NDArray base, NDArray baseSq, float[][] queries, int d,
            int k, boolean excludeSelf, int[][] idxOut, float[][] distOut) {
        int want = excludeSelf ? k + 1 : k;
        for (int s = 0; s < queries.length; s += BLOCK) {
            int rows = Math.min(BLOCK, queries.length - s);
            try (NDManager b = m.newSubManager()) {
                NDArray q = b.create(flatten(Arrays.copyOfRange(queries, s, s + rows), d), new Shape(rows, d));
                NDArray dist = q.matMul(base.transpose()).muli(-2)
                        .addi(q.square().sum(new int[] {1}, true))
                        .addi(baseSq.expandDims(0))
                        .maximum(0f);
                NDList top = dist.topK(want, 1, false, true);
                float[] values = top.get(0).toFloatArray();
                long[] indices = top.get(1).toType(ai.djl.ndarray.types.DataType.INT64, false)
                        .toLongArray();
                for (int r = 0; r < rows; r++) {
                    int[] idx = new int[k];
                    float[] dv = new float[k];
                    int filled = 0;
                    for (int e = 0; e < want && filled < k; e++) {
                        int j = (int) indices[r * want + e];
                        // Exclude the query itself; when it is absent from its list (exact
                        // duplicates tie at distance 0), the last, farthest entry is dropped.
                        if (excludeSelf && j == s + r) {
                            continue;
                        }
                        idx[filled] = j;
                        dv[filled++] = values[r * want + e];
                    }
                    idxOut[s + r] = idx;
                    distOut[s + r] = dv;
                }
            }
        }
    }

    private static float[] flatten(float[][] rows, int d) {
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static double positiveMinimum(float[] sorted) {
        for (float v : sorted) {
            if (v > 0) {
                return v;
            }
        }
        return 1.0;
    }

    private static int checkRows(String name, float[][] x, int dim) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " rows must be non-empty");
        }
        int d = dim < 0 ? (x[0] == null ? 0 : x[0].length) : dim;
        if (d == 0) {
            throw new IllegalArgumentException(name + " rows have 0 features");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (x[i] == null ? "no" : String.valueOf(x[i].length)) + " features, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + " row " + i + " feature " + j + " is " + x[i][j]);
                }
            }
        }
        return d;
    }
}
