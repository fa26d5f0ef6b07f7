package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

class LabelSpreadingTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static float[][] gaussian(int n, int d, Random rnd) {
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        return x;
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = (double) a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    /** The k nearest pool rows of x (pool row {@code self} excluded), by sorting all distances. */
    private static int[] knn(float[][] pool, float[] x, int self, int k) {
        Integer[] order = new Integer[pool.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sq(pool[a], x), sq(pool[b], x)));
        return Arrays.stream(order).mapToInt(Integer::intValue).filter(i -> i != self).limit(k).toArray();
    }

    /**
     * The method written out with dense matrices, independently of the class's sparse lists and
     * the engine's top-k: W = A + A^T, S = D^-1/2 W D^-1/2, F <- a S F + (1 - a) Y, then test scores.
     */
    private static double[][] denseReference(float[][] pool, float[][] lab, int[] labY, int classes,
            float[][] test, int k, double alpha, int iterations) {
        int p = pool.length;
        int n = p + lab.length;
        float[][] nodes = new float[n][];
        System.arraycopy(pool, 0, nodes, 0, p);
        System.arraycopy(lab, 0, nodes, p, lab.length);
        double[] poolD = new double[p * k];
        for (int i = 0; i < p; i++) {
            int[] nb = knn(pool, pool[i], i, k);
            for (int e = 0; e < k; e++) {
                poolD[i * k + e] = sq(pool[i], pool[nb[e]]);
            }
        }
        Arrays.sort(poolD);
        double s = poolD[poolD.length / 2];
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j : knn(pool, nodes[i], i < p ? i : -1, k)) {
                double v = Math.exp(-sq(nodes[i], pool[j]) / s);
                w[i][j] += v;
                w[j][i] += v;
            }
        }
        double[] deg = new double[n];
        for (int i = 0; i < n; i++) {
            deg[i] = Arrays.stream(w[i]).sum();
        }
        double[][] y = new double[n][classes];
        for (int i = 0; i < lab.length; i++) {
            y[p + i][labY[i]] = 1;
        }
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) {
            f[i] = y[i].clone();
        }
        for (int it = 0; it < iterations; it++) {
            double[][] next = new double[n][classes];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < classes; c++) {
                    double acc = 0;
                    for (int j = 0; j < n; j++) {
                        acc += w[i][j] / Math.sqrt(deg[i] * deg[j]) * f[j][c];
                    }
                    next[i][c] = alpha * acc + (1 - alpha) * y[i][c];
                }
            }
            f = next;
        }
        double[][] out = new double[test.length][classes];
        for (int t = 0; t < test.length; t++) {
            for (int j : knn(pool, test[t], -1, k)) {
                double rowSum = Arrays.stream(f[j]).sum();
                for (int c = 0; c < classes; c++) {
                    out[t][c] += Math.exp(-sq(test[t], pool[j]) / s) * f[j][c] / rowSum;
                }
            }
        }
        return out;
    }

    @Test
    void scoresMatchADenseReferenceImplementation() {
        Random rnd = new Random(7);
        float[][] pool = gaussian(40, 3, rnd);
        float[][] test = gaussian(9, 3, rnd);
        float[][] lab = gaussian(6, 3, rnd);
        int[] labY = {0, 1, 2, 0, 1, 2};
        for (int k : new int[] {3, 39}) {
            LabelSpreading.Options o = new LabelSpreading.Options(k, 0.9, 20);
            LabelSpreading ls = LabelSpreading.prepare(pool, test, o);
            double[][] got = ls.scores(lab, labY);
            double[][] want = denseReference(pool, lab, labY, 3, test, k, 0.9, 20);
            for (int t = 0; t < test.length; t++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(want[t][c], got[t][c], 1e-4 * Math.abs(want[t][c]) + 1e-9,
                            "k=" + k + " test " + t + " class " + c);
                }
            }
        }
    }

    @Test
    void kIsCappedAtThePoolSizeMinusOne() {
        Random rnd = new Random(3);
        LabelSpreading ls = LabelSpreading.prepare(gaussian(5, 2, rnd), gaussian(2, 2, rnd),
                LabelSpreading.Options.DEFAULTS);
        assertEquals(4, ls.neighbours());
        assertEquals(5, ls.poolSize());
        assertTrue(ls.scale() > 0);
    }

    /** Two interleaved half circles ("two moons") with a little noise; class 0 upper, 1 lower. */
    private static float[][] moons(int n, int[] labels, Random rnd) {
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            double a = Math.PI * rnd.nextDouble();
            labels[i] = i % 2;
            double cx = labels[i] == 0 ? Math.cos(a) : 1 - Math.cos(a);
            double cy = labels[i] == 0 ? Math.sin(a) : 0.5 - Math.sin(a);
            x[i][0] = (float) (cx + 0.05 * rnd.nextGaussian());
            x[i][1] = (float) (cy + 0.05 * rnd.nextGaussian());
        }
        return x;
    }

    @Test
    void unlabelledPointsCarryOneLabelPerMoonAlongItsMoon() {
        Random rnd = new Random(11);
        int[] poolY = new int[600];
        float[][] pool = moons(600, poolY, rnd);
        int[] testY = new int[400];
        float[][] test = moons(400, testY, rnd);
        // One label per class, at the far end of each moon: the left tip of the upper moon and
        // the right tip of the lower one. The nearest labelled point misleads for much of each
        // moon; following the unlabelled points does not.
        float[][] lab = {{-1f, 0f}, {2f, 0.5f}};
        int[] labY = {0, 1};
        LabelSpreading ls = LabelSpreading.prepare(pool, test, LabelSpreading.Options.DEFAULTS);
        double spread = ls.accuracy(lab, labY, testY);
        int nearestRight = 0;
        for (int t = 0; t < test.length; t++) {
            int nearest = sq(test[t], lab[0]) <= sq(test[t], lab[1]) ? 0 : 1;
            nearestRight += nearest == testY[t] ? 1 : 0;
        }
        double nearestAccuracy = nearestRight / (double) test.length;
        assertTrue(spread >= 0.97, "label spreading accuracy " + spread);
        assertTrue(nearestAccuracy < 0.85, "1-NN on the two labels alone: " + nearestAccuracy);
    }

    @Test
    void classesKeepTheirOwnValues() {
        Random rnd = new Random(5);
        float[][] pool = new float[20][];
        for (int i = 0; i < 20; i++) {
            pool[i] = new float[] {(i < 10 ? -5f : 5f) + (float) rnd.nextGaussian() * 0.1f};
        }
        float[][] test = {{-5f}, {5f}, {-4.9f}};
        LabelSpreading ls = LabelSpreading.prepare(pool, test, new LabelSpreading.Options(3, 0.99, 30));
        assertArrayEquals(new int[] {-7, 42, -7}, ls.predict(new float[][] {{-5f}, {5f}}, new int[] {-7, 42}));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Random rnd = new Random(1);
        float[][] pool = gaussian(10, 2, rnd);
        float[][] test = gaussian(3, 2, rnd);
        assertEquals("neighbours must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LabelSpreading.Options(0, 0.5, 3))
                        .getMessage());
        assertEquals("alpha must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new LabelSpreading.Options(3, 1.0, 3))
                        .getMessage());
        assertEquals("test row 1 has 3 features, expected 2", assertThrows(IllegalArgumentException.class,
                () -> LabelSpreading.prepare(pool, new float[][] {{1, 2}, {1, 2, 3}},
                        LabelSpreading.Options.DEFAULTS)).getMessage());
        assertEquals("pool must have at least 2 rows, got 1", assertThrows(IllegalArgumentException.class,
                () -> LabelSpreading.prepare(new float[][] {{1, 2}}, test, LabelSpreading.Options.DEFAULTS))
                .getMessage());
        LabelSpreading ls = LabelSpreading.prepare(pool, test, LabelSpreading.Options.DEFAULTS);
        assertEquals("labels must contain at least 2 classes, got [4]", assertThrows(
                IllegalArgumentException.class,
                () -> ls.predict(new float[][] {{0, 0}, {1, 1}}, new int[] {4, 4})).getMessage());
        assertEquals("labelled row 0 feature 1 is NaN", assertThrows(IllegalArgumentException.class,
                () -> ls.predict(new float[][] {{0, Float.NaN}}, new int[] {1})).getMessage());
        assertEquals("expected 3 test labels, got 2", assertThrows(IllegalArgumentException.class,
                () -> ls.accuracy(new float[][] {{0, 0}, {1, 1}}, new int[] {0, 1}, new int[] {0, 1}))
                .getMessage());
    }
}
