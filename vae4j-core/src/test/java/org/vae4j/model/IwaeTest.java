package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/**
 * The IWAE bound (Burda et al. 2016) against log-weights computed by hand in doubles, its
 * log-sum-exp at extreme values, and its ordering ELBO = L_1 &lt;= L_5 &lt;= L_50 &lt;= log p(x) on
 * probabilistic PCA, where both ends are known exactly.
 */
class IwaeTest {

    private static final VaeConfig TINY =
            VaeConfig.mlp(1, 2, 2).withHidden(List.of(3)).withLatentDim(2);

    /** Three images of four pixels in [0, 1]. */
    private static final float[][] X = {
        {0f, 1f, 0.5f, 0.25f}, {1f, 1f, 0f, 0f}, {0.1f, 0.9f, 0.3f, 0.7f}
    };

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static NDArray rows(NDManager m, float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return m.create(flat, new Shape(rows.length, rows[0].length));
    }

    /** Fixed noise eps[k][i][j] = a spread of values in (-2, 2). */
    private static float[] noise(int k, int b, int l) {
        float[] eps = new float[k * b * l];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) (1.9 * Math.sin(1.7 * i + 0.3));
        }
        return eps;
    }

    private static double logNormal(double x, double mean, double sd) {
        double r = (x - mean) / sd;
        return -0.5 * r * r - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
    }

    /**
     * log w[k][i] = log Bernoulli(x_i; decode(z)) + log N(z; 0, I) - log N(z; mu, sd^2), with z =
     * mu + sd eps, every density written out in doubles from the model's encode and decode.
     */
    private static double[][] handLogWeights(VaeModel m, float[] eps, int k) {
        int b = X.length;
        Encoding e = m.encode(X);
        double[][] logW = new double[k][b];
        for (int s = 0; s < k; s++) {
            float[][] z = new float[b][2];
            double[] logPriorOverQ = new double[b];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < 2; j++) {
                    double sd = Math.exp(0.5 * e.logvar()[i][j]);
                    double zj = e.mu()[i][j] + sd * eps[(s * b + i) * 2 + j];
                    z[i][j] = (float) zj;
                    logPriorOverQ[i] += logNormal(zj, 0, 1) - logNormal(zj, e.mu()[i][j], sd);
                }
            }
            float[][] p = m.decode(z);
            for (int i = 0; i < b; i++) {
                double ll = 0;
                for (int d = 0; d < 4; d++) {
                    ll += X[i][d] * Math.log(p[i][d]) + (1 - X[i][d]) * Math.log(1 - p[i][d]);
                }
                logW[s][i] = ll + logPriorOverQ[i];
            }
        }
        return logW;
    }

    private static float[] bound(VaeModel m, float[] eps, int k, int index) {
        try (NDManager nm = m.manager().newSubManager()) {
            NDArray x = rows(nm, X);
            NDArray e = nm.create(eps, new Shape(k, X.length, 2));
            NDList terms = Iwae.terms(m.block(), m.parameterStore(), x, e, false);
            return terms.get(index).toFloatArray();
        }
    }

    @Test
    void withOneSampleTheLossIsTheSingleSampleNegativeElboFromTheSameNoise() {
        float[] eps = noise(1, X.length, 2);
        try (VaeModel m = VaeModel.create(TINY, 4)) {
            double[][] logW = handLogWeights(m, eps, 1);
            float[] bound = bound(m, eps, 1, 0);
            float[] rec = bound(m, eps, 1, 1);
            float[] kl = bound(m, eps, 1, 2);
            Encoding e = m.encode(X);
            for (int i = 0; i < X.length; i++) {
                // -L_1 = -log p(x|z) + log q(z|x) - log p(z): the one-sample negative ELBO with
                // the KL term sampled at the same z.
                assertEquals(logW[0][i], bound[i], 1e-4, "L_1 of image " + i);
                double klByHand = 0;
                for (int j = 0; j < 2; j++) {
                    double lv = e.logvar()[i][j];
                    klByHand += 0.5 * (e.mu()[i][j] * e.mu()[i][j] + Math.exp(lv) - 1 - lv);
                }
                assertEquals(klByHand, kl[i], 1e-5, "closed-form KL of image " + i);
                // The reported reconstruction is -log p(x|z_1): the sampled KL is log w's rest.
                assertTrue(rec[i] > 0, "reconstruction of image " + i);
            }
        }
    }

    @Test
    void withFiveSamplesTheBoundIsTheLogMeanOfTheWeights() {
        int k = 5;
        float[] eps = noise(k, X.length, 2);
        try (VaeModel m = VaeModel.create(TINY, 4)) {
            double[][] logW = handLogWeights(m, eps, k);
            float[] bound = bound(m, eps, k, 0);
            for (int i = 0; i < X.length; i++) {
                double mean = 0;
                for (int s = 0; s < k; s++) {
                    mean += Math.exp(logW[s][i]) / k;
                }
                assertEquals(Math.log(mean), bound[i], 1e-4, "L_5 of image " + i);
                assertTrue(Math.abs(Math.log(mean) - logW[0][i]) > 1e-2,
                        "the comparison must involve more than the first sample");
            }
        }
    }

    @Test
    void logMeanExpIsStableAndItsGradientIsTheSoftmax() {
        // K = 3, B = 3: columns around -1e4, -2e4 and +1e4, where exp under- or overflows.
        float[][] a = {{-10000f, -20000.5f, 10000f}, {-10001f, -20000f, 10002f},
            {-10002f, -20001f, 10000f}};
        double[] expected = {
            -10000 + Math.log((1 + Math.exp(-1) + Math.exp(-2)) / 3),
            -20000 + Math.log((Math.exp(-0.5) + 1 + Math.exp(-1)) / 3),
            10002 + Math.log((Math.exp(-2) + 1 + Math.exp(-2)) / 3)
        };
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray arr = rows(m, a);
            arr.setRequiresGradient(true);
            NDArray out;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                out = Iwae.logMeanExp(arr);
                gc.backward(out.sum());
            }
            float[] v = out.toFloatArray();
            float[] g = arr.getGradient().toFloatArray();
            for (int col = 0; col < 3; col++) {
                // float32 spacing at 2e4 is 0.002
                assertEquals(expected[col], v[col], 4e-3, "column " + col);
                double norm = 0;
                for (int row = 0; row < 3; row++) {
                    norm += Math.exp(a[row][col] - a[0][col]);
                }
                for (int row = 0; row < 3; row++) {
                    double softmax = Math.exp(a[row][col] - a[0][col]) / norm;
                    assertEquals(softmax, g[row * 3 + col], 1e-5, "gradient " + row + "," + col);
                }
            }
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (VaeModel m = VaeModel.create(TINY, 4)) {
            for (Pair<String, Parameter> p : m.block().getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            try (NDManager nm = m.manager().newSubManager()) {
                EngineSetup.engine().setRandomSeed(3);
                try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                    NDArray bound = Iwae.terms(m.block(), m.parameterStore(), rows(nm, X), 4,
                            true).get(0);
                    gc.backward(bound.mean().neg());
                }
                for (Pair<String, Parameter> p : m.block().getParameters()) {
                    float[] g = p.getValue().getArray().getGradient().toFloatArray();
                    double norm = 0;
                    for (float v : g) {
                        assertTrue(Float.isFinite(v), p.getKey());
                        norm += v * v;
                    }
                    assertTrue(norm > 0, "no gradient reaches " + p.getKey());
                }
            }
        }
    }

    @Test
    void onLinearGaussianTheBoundRisesWithKFromTheElboTowardsLogPx() {
        // 4000 independent estimates of L_K for one image; PPCA gives ELBO and log p(x) exactly.
        int n = 4000;
        float[] x = {0.8f, 0.2f, 0.6f, 0.3f, 0.1f, 0.9f};
        double[][] q = LinearGaussian.q(x, LinearGaussian.APPROX_SHIFT,
                LinearGaussian.APPROX_WIDEN);
        double elbo = LinearGaussian.elbo(x, q[0], q[1]);
        double logPx = LinearGaussian.logMarginal(x);
        int[] ks = {1, 5, 50};
        double[] mean = new double[ks.length];
        double[] se = new double[ks.length];
        try (VaeModel m = LinearGaussian.create(LinearGaussian.APPROX_SHIFT,
                LinearGaussian.APPROX_WIDEN)) {
            EngineSetup.engine().setRandomSeed(17);
            for (int t = 0; t < ks.length; t++) {
                try (NDManager nm = m.manager().newSubManager()) {
                    float[] flat = new float[n * 6];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(x, 0, flat, i * 6, 6);
                    }
                    NDArray xs = nm.create(flat, new Shape(n, 6));
                    float[] b = Iwae.terms(m.block(), m.parameterStore(), xs, ks[t], false)
                            .get(0).toFloatArray();
                    double s = 0;
                    double ss = 0;
                    for (float v : b) {
                        s += v;
                        ss += (double) v * v;
                    }
                    mean[t] = s / n;
                    se[t] = Math.sqrt((ss / n - mean[t] * mean[t]) / (n - 1));
                }
            }
        }
        String all = java.util.Arrays.toString(mean) + " se " + java.util.Arrays.toString(se)
                + ", ELBO " + elbo + ", log p(x) " + logPx;
        assertTrue(logPx - elbo > 0.4, "the test needs a gap: " + all);
        assertEquals(elbo, mean[0], 4 * se[0], "L_1 is the ELBO in expectation: " + all);
        assertTrue(mean[1] - mean[0] > 4 * Math.hypot(se[0], se[1]), "L_5 > L_1: " + all);
        assertTrue(mean[2] - mean[1] > 4 * Math.hypot(se[1], se[2]), "L_50 > L_5: " + all);
        assertTrue(mean[2] < logPx + 4 * se[2], "L_50 <= log p(x): " + all);
        assertTrue(logPx - mean[2] < 0.1, "L_50 is close to log p(x): " + all);
    }

    @Test
    void termsRejectNonPositiveK() {
        try (VaeModel m = VaeModel.create(TINY, 4);
                NDManager nm = m.manager().newSubManager()) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Iwae.terms(m.block(), m.parameterStore(), rows(nm, X), 0, false));
            assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        }
    }
}
