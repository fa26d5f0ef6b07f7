package org.vae4j.eval.quality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vae4j.engine.EngineSetup;

/**
 * Precision and recall by k-nearest-neighbour manifolds (Kynkäänniemi et al. 2019). The manifold
 * of a set of feature vectors is the union of balls around each vector, of radius the distance
 * to its k-th nearest other vector of the same set. A sample is "in" the real manifold if
 * {@code ‖s − r_i‖ ≤ radius(r_i)} for some real vector {@code r_i}:
 *
 * <pre>
 *   precision = |{s : s ∈ manifold(real)}| / |samples|
 *   recall    = |{r : r ∈ manifold(samples)}| / |real|
 * </pre>
 *
 * <p>Distances are exact (no approximate search): squared distances {@code ‖a‖² + ‖b‖² − 2 a·b}
 * in doubles, by matrix products through the engine, in blocks of rows so that N = 10,000 needs
 * ~64 MB at a time and not the whole 10⁸-entry matrix. The k-th neighbour of a vector in its own
 * set is the (k+1)-th smallest distance, the first being itself (0); a duplicate vector counts
 * as a neighbour at distance 0, as in the reference code.
 */
public final class KnnManifold {

    /** The k of the paper. */
    public static final int DEFAULT_K = 3;

    /** Distance-matrix entries per block: 8M doubles = 64 MB. */
    private static final long BLOCK_ENTRIES = 1L << 23;

    private KnnManifold() {}

    /**
     * Precision and recall of samples against real vectors.
     *
     * @param real {@code [N_r][D]}, more than k vectors
     * @param samples {@code [N_s][D]}, more than k vectors
     * @param k the neighbour that sets each radius, &ge; 1
     * @return precision and recall
     * @throws IllegalArgumentException if a set has k vectors or fewer, or the widths differ
     */
    public static PrecisionRecall precisionRecall(float[][] real, float[][] samples, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        check(real, "real", k);
        check(samples, "sample", k);
        if (real[0].length != samples[0].length) {
            throw new IllegalArgumentException("real vectors have " + real[0].length
                    + " values, samples " + samples[0].length);
        }
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray r = matrix(m, real);
            NDArray s = matrix(m, samples);
            double[] realRadii = kthNeighbourSquared(r, k);
            double[] sampleRadii = kthNeighbourSquared(s, k);
            boolean[] sampleIn = new boolean[samples.length];
            boolean[] realIn = new boolean[real.length];
            NDArray sampleRadiusRow = m.create(sampleRadii).reshape(1, samples.length);
            int block = blockRows(samples.length);
            for (int from = 0; from < real.length; from += block) {
                int to = Math.min(real.length, from + block);
                try (NDManager bm = m.newSubManager()) {
                    NDArray rows = r.get(new NDIndex("{}:{}", from, to));
                    rows.attach(bm);
                    NDArray d = squaredDistances(rows, s); // [to - from, N_s]
                    double[] radii = java.util.Arrays.copyOfRange(realRadii, from, to);
                    NDArray radiusColumn = bm.create(radii).reshape(to - from, 1);
                    // Samples in some real ball of this block; real rows in some sample ball.
                    boolean[] inReal = anyAlong(d.lte(radiusColumn), 0);
                    boolean[] inSamples = anyAlong(d.lte(sampleRadiusRow), 1);
                    for (int j = 0; j < inReal.length; j++) {
                        sampleIn[j] |= inReal[j];
                    }
                    System.arraycopy(inSamples, 0, realIn, from, to - from);
                }
            }
            return new PrecisionRecall(fraction(sampleIn), fraction(realIn), k);
        }
    }

    /**
     * The squared distance of every vector to its k-th nearest other vector of the same set.
     *
     * @param x {@code [N, D]} float64, N &gt; k
     * @param k the neighbour
     * @return N squared radii
     */
    static double[] kthNeighbourSquared(NDArray x, int k) {
        int n = Math.toIntExact(x.getShape().get(0));
        double[] radii = new double[n];
        int block = blockRows(n);
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            try (NDManager bm = x.getManager().newSubManager()) {
                NDArray rows = x.get(new NDIndex("{}:{}", from, to));
                rows.attach(bm);
                NDArray d = squaredDistances(rows, x);
                // k + 1 smallest, ascending: the first is the vector itself.
                NDArray smallest = d.topK(k + 1, 1, false, true).get(0);
                double[] kth = smallest.get(new NDIndex(":, {}", k)).toDoubleArray();
                System.arraycopy(kth, 0, radii, from, kth.length);
            }
        }
        return radii;
    }

    /** {@code ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j}, floored at 0 (rounding): {@code [A, B]}. */
    static NDArray squaredDistances(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true); // [A, 1]
        NDArray bb = b.square().sum(new int[] {1}).reshape(1, -1); // [1, B]
        NDArray ab = a.matMul(b.transpose()); // [A, B]
        return aa.add(bb).sub(ab.mul(2)).maximum(0);
    }

    private static boolean[] anyAlong(NDArray mask, int axis) {
        NDArray counts = mask.toType(DataType.INT32, false).sum(new int[] {axis});
        return counts.gt(0).toBooleanArray();
    }

    private static NDArray matrix(NDManager m, float[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] flat = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = x[i][j];
            }
        }
        return m.create(flat, new Shape(n, d));
    }

    private static int blockRows(int columns) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, BLOCK_ENTRIES / columns));
    }

    private static void check(float[][] x, String what, int k) {
        if (x == null || x.length <= k) {
            throw new IllegalArgumentException("k-NN manifolds with k = " + k + " need more than "
                    + k + " " + what + " vectors, got " + (x == null ? 0 : x.length));
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(what + " vector " + i + " has "
                        + x[i].length + " values, vector 0 has " + d);
            }
        }
    }

    private static double fraction(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return (double) n / flags.length;
    }
}
