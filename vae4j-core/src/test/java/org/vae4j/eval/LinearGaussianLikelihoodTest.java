package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Encoding;
import org.vae4j.model.LinearGaussian;
import org.vae4j.model.VaeModel;

/**
 * The importance-sampled estimator of {@link AnomalyScorer} against probabilistic PCA, where
 * {@code log p(x) = log N(x; b, W W^T + sigma^2 I)} is known exactly (see {@link
 * LinearGaussian}).
 */
class LinearGaussianLikelihoodTest {

    /** Four 1x2x3 images: near b, far from it, and in between. */
    private static final int[][] PIXELS = {
        {204, 51, 153, 77, 26, 230},
        {128, 102, 153, 128, 77, 179},
        {0, 255, 0, 255, 255, 0},
        {230, 230, 200, 180, 60, 100}
    };

    private static final double SHIFT = LinearGaussian.APPROX_SHIFT;

    private static final double WIDEN = LinearGaussian.APPROX_WIDEN;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static ImageSet images(int copiesOfFirst) {
        int n = copiesOfFirst > 0 ? copiesOfFirst : PIXELS.length;
        byte[] px = new byte[n * 6];
        for (int i = 0; i < n; i++) {
            int[] src = copiesOfFirst > 0 ? PIXELS[0] : PIXELS[i];
            for (int d = 0; d < 6; d++) {
                px[i * 6 + d] = (byte) src[d];
            }
        }
        return new ImageSet(px, n, 1, 2, 3, null, "ppca test images");
    }

    private static float[] pixels(ImageSet data, int i) {
        float[] x = new float[6];
        data.copyPixels(i, x, 0);
        return x;
    }

    @Test
    void theFixtureIsTheLinearGaussianModel() {
        ImageSet data = images(0);
        try (VaeModel m = LinearGaussian.create(0, 1)) {
            Encoding e = m.encode(data.toRows(data.size()));
            for (int i = 0; i < data.size(); i++) {
                double[] mu = LinearGaussian.posteriorMean(pixels(data, i));
                for (int j = 0; j < 2; j++) {
                    assertEquals(mu[j], e.mu()[i][j], 1e-5, "mu of image " + i);
                    assertEquals(LinearGaussian.posteriorLogvar(j), e.logvar()[i][j], 1e-5);
                }
            }
            // The identity-link decoder returns W z + b, even for z far out in the tails.
            float[][] z = {{0, 0}, {3.5f, -4f}};
            float[][] x = m.decode(z);
            for (int d = 0; d < 6; d++) {
                double expected = LinearGaussian.B[d] + LinearGaussian.W[d][0] * z[1][0]
                        + LinearGaussian.W[d][1] * z[1][1];
                assertEquals(LinearGaussian.B[d], x[0][d], 1e-5);
                assertEquals(expected, x[1][d], 1e-5);
            }
        }
    }

    @Test
    void withTheTruePosteriorEveryWeightIsPxSoAnyKIsExact() {
        // log w = log p(x, z) - log p(z | x) = log p(x) for every z.
        ImageSet data = images(0);
        try (VaeModel m = LinearGaussian.create(0, 1)) {
            for (int k : new int[] {1, 7, 5000}) {
                AnomalyScores s = AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, k, 4,
                        11));
                for (int i = 0; i < data.size(); i++) {
                    double exact = LinearGaussian.logMarginal(pixels(data, i));
                    assertEquals(exact, s.logLikelihood()[i], 1e-4, "k=" + k + ", image " + i);
                }
            }
        }
    }

    @Test
    void withAnApproximatePosteriorFiveThousandSamplesGetWithin005Nats() {
        ImageSet data = images(0);
        try (VaeModel m = LinearGaussian.create(SHIFT, WIDEN)) {
            AnomalyScores s =
                    AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, 5000, 4, 3));
            for (int i = 0; i < data.size(); i++) {
                float[] x = pixels(data, i);
                double exact = LinearGaussian.logMarginal(x);
                double[][] q = LinearGaussian.q(x, SHIFT, WIDEN);
                double elbo = LinearGaussian.elbo(x, q[0], q[1]);
                // The test has power: the ELBO is far below log p(x) for this q.
                assertTrue(elbo < exact - 0.4, "ELBO " + elbo + " vs log p(x) " + exact);
                assertEquals(exact, s.logLikelihood()[i], 0.05, "image " + i);
            }
        }
    }

    @Test
    void withOneSampleItIsTheElboEstimateFromTheSameNoise() {
        ImageSet data = images(0);
        long seed = 5;
        try (VaeModel m = LinearGaussian.create(SHIFT, WIDEN)) {
            AnomalyScores s =
                    AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, 1, 4, seed));
            // The scorer's only draw: eps [k = 1, B = 4, L = 2] right after seeding the engine.
            float[] eps;
            try (NDManager nm = EngineSetup.engine().newBaseManager()) {
                EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
                NDArray e = nm.randomNormal(new Shape(1, 4, 2));
                eps = e.toFloatArray();
            }
            for (int i = 0; i < data.size(); i++) {
                float[] x = pixels(data, i);
                double[][] q = LinearGaussian.q(x, SHIFT, WIDEN);
                double logW = 0;
                double logLikX = 0;
                for (int j = 0; j < 2; j++) {
                    double sd = Math.exp(0.5 * q[1][j]);
                    double z = q[0][j] + sd * eps[i * 2 + j];
                    logW += logNormal(z, 0, 1) - logNormal(z, q[0][j], sd);
                    eps[i * 2 + j] = (float) z;
                }
                for (int d = 0; d < 6; d++) {
                    double mean = LinearGaussian.B[d] + LinearGaussian.W[d][0] * eps[i * 2]
                            + LinearGaussian.W[d][1] * eps[i * 2 + 1];
                    logLikX += logNormal(x[d], mean, LinearGaussian.SIGMA);
                }
                logW += logLikX;
                assertEquals(logLikX, s.reconstructionLogProb()[i], 1e-3, "log p(x|z), " + i);
                assertEquals(logW, s.logLikelihood()[i], 1e-3, "k = 1 estimate, image " + i);
            }
        }
    }

    @Test
    void withOneSampleItsMeanOverDrawsIsTheAnalyticElbo() {
        int n = 4000;
        ImageSet copies = images(n);
        try (VaeModel m = LinearGaussian.create(SHIFT, WIDEN)) {
            AnomalyScores s =
                    AnomalyScorer.score(m, copies, new AnomalyScorer.Options(1, 1, 1000, 8));
            float[] x = pixels(copies, 0);
            double[][] q = LinearGaussian.q(x, SHIFT, WIDEN);
            double elbo = LinearGaussian.elbo(x, q[0], q[1]);
            double[] ll = s.logLikelihood();
            double[] negElbo = s.negElbo();
            assertEquals(elbo, mean(ll), 4 * sd(ll) / Math.sqrt(n), "mean k=1 estimate");
            assertEquals(-elbo, mean(negElbo), 4 * sd(negElbo) / Math.sqrt(n), "mean -ELBO");
            assertTrue(sd(ll) > 0.1, "the draws must differ: " + sd(ll));
        }
    }

    private static double logNormal(double x, double mean, double sd) {
        double r = (x - mean) / sd;
        return -0.5 * r * r - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
