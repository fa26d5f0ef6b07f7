package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/** The ELBO terms against closed forms evaluated by hand in Java doubles. */
class ElboTest {

    private static final double LN2 = Math.log(2);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static NDManager manager() {
        return EngineSetup.engine().newBaseManager();
    }

    private static NDArray rows(NDManager m, int rows, float... values) {
        return m.create(values, new Shape(rows, values.length / rows));
    }

    private static double sigmoid(double l) {
        return 1 / (1 + Math.exp(-l));
    }

    /** 1/2 sum (mu^2 + sigma^2 - 1 - ln sigma^2), straight from the definition. */
    private static double klStd(double[] mu, double[] logvar) {
        double s = 0;
        for (int j = 0; j < mu.length; j++) {
            double var = Math.exp(logvar[j]);
            s += mu[j] * mu[j] + var - 1 - Math.log(var);
        }
        return 0.5 * s;
    }

    /** KL(N(mu1, v1) || N(mu2, v2)) for diagonal Gaussians, term by term. */
    private static double klDiag(double[] mu1, double[] lv1, double[] mu2, double[] lv2) {
        double s = 0;
        for (int j = 0; j < mu1.length; j++) {
            double v1 = Math.exp(lv1[j]);
            double v2 = Math.exp(lv2[j]);
            double d = mu1[j] - mu2[j];
            s += Math.log(v2 / v1) + (v1 + d * d) / v2 - 1;
        }
        return 0.5 * s;
    }

    @Test
    void klOfStandardNormalWithItselfIsZero() {
        try (NDManager m = manager()) {
            NDArray mu = m.zeros(new Shape(4, 5));
            NDArray logvar = m.zeros(new Shape(4, 5));
            NDArray kl = Elbo.klStandardNormal(mu, logvar);
            assertEquals(new Shape(4), kl.getShape());
            assertArrayEquals(new float[4], kl.toFloatArray(), 0f);
        }
    }

    @Test
    void klStandardNormalMatchesClosedForm() {
        double[] mu1 = {1, -2};
        double[] lv1 = {Math.log(2), Math.log(0.5)};
        double[] mu2 = {0.25, 3};
        double[] lv2 = {-1, 1.5};
        // By hand for row 1: 0.5 * ((1 + 2 - 1 - ln 2) + (4 + 0.5 - 1 + ln 2)) = 2.75.
        assertEquals(2.75, klStd(mu1, lv1), 1e-12);
        try (NDManager m = manager()) {
            NDArray mu = rows(m, 2, 1f, -2f, 0.25f, 3f);
            NDArray logvar =
                    rows(m, 2, (float) Math.log(2), (float) Math.log(0.5), -1f, 1.5f);
            float[] kl = Elbo.klStandardNormal(mu, logvar).toFloatArray();
            assertEquals(2, kl.length);
            assertEquals(2.75, kl[0], 1e-5);
            assertEquals(klStd(mu2, lv2), kl[1], 1e-5);
        }
    }

    @Test
    void klDiagonalOfIdenticalGaussiansIsZero() {
        try (NDManager m = manager()) {
            NDArray mu = rows(m, 2, 1f, -2f, 0.5f, 3f, -0.7f, 0f);
            NDArray logvar = rows(m, 2, 0.7f, -0.7f, 2f, -3f, 0f, 1f);
            float[] kl = Elbo.klDiagonal(mu, logvar, mu, logvar).toFloatArray();
            assertArrayEquals(new float[2], kl, 1e-6f);
        }
    }

    @Test
    void klDiagonalMatchesClosedForm() {
        double[] mu1 = {1, -2};
        double[] lv1 = {Math.log(2), Math.log(0.5)};
        double[] mu2 = {0.5, 1};
        double[] lv2 = {0, Math.log(4)};
        // By hand: 0.5 * ((0 - ln 2 + (2 + 0.25)/1 - 1) + (ln 4 - ln 0.5 + (0.5 + 9)/4 - 1))
        double byHand =
                0.5 * ((-LN2 + 2.25 - 1) + (Math.log(4) - Math.log(0.5) + 9.5 / 4 - 1));
        assertEquals(byHand, klDiag(mu1, lv1, mu2, lv2), 1e-12);
        try (NDManager m = manager()) {
            float[] kl =
                    Elbo.klDiagonal(
                                    rows(m, 1, 1f, -2f),
                                    rows(m, 1, (float) lv1[0], (float) lv1[1]),
                                    rows(m, 1, 0.5f, 1f),
                                    rows(m, 1, 0f, (float) lv2[1]))
                            .toFloatArray();
            assertEquals(1, kl.length);
            assertEquals(byHand, kl[0], 1e-5);
        }
    }

    @Test
    void klDiagonalAgainstStandardNormalEqualsKlStandardNormal() {
        try (NDManager m = manager()) {
            NDArray mu = rows(m, 3, 1f, -2f, 0.5f, 3f, -0.7f, 0f);
            NDArray logvar = rows(m, 3, 0.7f, -0.7f, 2f, -3f, 0f, 1f);
            float[] diag =
                    Elbo.klDiagonal(mu, logvar, m.zeros(mu.getShape()), m.zeros(mu.getShape()))
                            .toFloatArray();
            float[] std = Elbo.klStandardNormal(mu, logvar).toFloatArray();
            assertArrayEquals(std, diag, 1e-5f);
            assertTrue(std[1] > 1, "the comparison must not be between zeros");
        }
    }

    @Test
    void bernoulliNllMatchesBinaryCrossEntropy() {
        double[] l = {-2, 0, 3};
        double[] x = {0, 0.5, 1};
        double expected = 0;
        for (int d = 0; d < l.length; d++) {
            double p = sigmoid(l[d]);
            expected -= x[d] * Math.log(p) + (1 - x[d]) * Math.log(1 - p);
        }
        // log(1 + e^-2) ... by hand: 0.126928 + 0.693147 + 0.048587
        assertEquals(0.1269280110 + LN2 + 0.0485873516, expected, 1e-9);
        try (NDManager m = manager()) {
            NDArray logits = rows(m, 2, -2f, 0f, 3f, 0f, 0f, 0f);
            NDArray target = rows(m, 2, 0f, 0.5f, 1f, 1f, 0f, 1f);
            float[] nll = Elbo.bernoulliNll(logits, target).toFloatArray();
            assertEquals(2, nll.length);
            assertEquals(expected, nll[0], 1e-5);
            assertEquals(3 * LN2, nll[1], 1e-5);
        }
    }

    @Test
    void bernoulliNllIsFiniteAndExactForHugeLogits() {
        float[] l = {100, -100, 100, -100, 1e4f, -1e4f, 1e4f, -1e4f, 1e4f, -1e4f};
        float[] x = {0, 0, 1, 1, 0, 0, 1, 1, 0.5f, 0.5f};
        // softplus(l) - x l with softplus(l) = l for large l and ~0 for very negative l.
        double[] expected = {100, 0, 0, 100, 1e4, 0, 0, 1e4, 5e3, 5e3};
        try (NDManager m = manager()) {
            float[] nll =
                    Elbo.bernoulliNll(m.create(l, new Shape(l.length, 1)),
                                    m.create(x, new Shape(x.length, 1)))
                            .toFloatArray();
            for (int i = 0; i < l.length; i++) {
                assertTrue(Float.isFinite(nll[i]), "l=" + l[i] + " x=" + x[i] + ": " + nll[i]);
                assertEquals(expected[i], nll[i], 1e-4 * Math.max(1, expected[i]),
                        "l=" + l[i] + " x=" + x[i]);
            }
        }
    }

    @Test
    void gaussianNllMatchesClosedForm() {
        double[] l = {-2, 0, 3};
        double[] x = {0, 0.5, 1};
        double sigma = 0.1;
        double sq = 0;
        for (int d = 0; d < l.length; d++) {
            double diff = x[d] - sigmoid(l[d]);
            sq += diff * diff;
        }
        double expected =
                sq / (2 * sigma * sigma) + l.length / 2.0 * Math.log(2 * Math.PI * sigma * sigma);
        try (NDManager m = manager()) {
            float[] nll =
                    Elbo.gaussianNll(rows(m, 1, -2f, 0f, 3f), rows(m, 1, 0f, 0.5f, 1f), sigma)
                            .toFloatArray();
            assertEquals(1, nll.length);
            assertEquals(expected, nll[0], 1e-5 * Math.abs(expected));
            // sigma = 1 and a perfect reconstruction leave only the normalising constant.
            float[] constOnly =
                    Elbo.gaussianNll(rows(m, 1, 0f, 0f), rows(m, 1, 0.5f, 0.5f), 1.0)
                            .toFloatArray();
            assertEquals(Math.log(2 * Math.PI), constOnly[0], 1e-5);
        }
    }

    @Test
    void reconstructionNllDispatchesOnLikelihood() {
        try (NDManager m = manager()) {
            NDArray l = rows(m, 1, -2f, 0f, 3f);
            NDArray x = rows(m, 1, 0f, 0.5f, 1f);
            assertArrayEquals(
                    Elbo.bernoulliNll(l, x).toFloatArray(),
                    Elbo.reconstructionNll(Likelihood.BERNOULLI, 0.3, l, x).toFloatArray(),
                    0f);
            assertArrayEquals(
                    Elbo.gaussianNll(l, x, 0.3).toFloatArray(),
                    Elbo.reconstructionNll(Likelihood.GAUSSIAN, 0.3, l, x).toFloatArray(),
                    0f);
        }
    }

    @Test
    void bernoulliGradientIsSigmoidMinusTarget() {
        float[] l = {-2f, 0f, 3f, 0.5f, -40f, 40f};
        float[] x = {0f, 0.5f, 1f, 0f, 1f, 0f};
        try (NDManager m = manager()) {
            NDArray logits = m.create(l, new Shape(2, 3));
            NDArray target = m.create(x, new Shape(2, 3));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                gc.backward(Elbo.bernoulliNll(logits, target).sum());
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < l.length; i++) {
                assertEquals(sigmoid(l[i]) - x[i], grad[i], 1e-5, "d/dl at " + i);
            }
        }
    }

    @Test
    void gaussianGradientMatchesChainRule() {
        float[] l = {-2f, 0f, 3f, 0.5f};
        float[] x = {0f, 0.5f, 1f, 0.2f};
        double sigma = 0.5;
        try (NDManager m = manager()) {
            NDArray logits = m.create(l, new Shape(2, 2));
            NDArray target = m.create(x, new Shape(2, 2));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                gc.backward(Elbo.gaussianNll(logits, target, sigma).sum());
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < l.length; i++) {
                double s = sigmoid(l[i]);
                double expected = (s - x[i]) / (sigma * sigma) * s * (1 - s);
                assertEquals(expected, grad[i], 1e-5, "d/dl at " + i);
            }
        }
    }

    @Test
    void klGradientsMatchClosedForm() {
        float[] mu = {1f, -2f, 0f, 0.3f};
        float[] lv = {(float) Math.log(2), (float) Math.log(0.5), 0f, -1.2f};
        try (NDManager m = manager()) {
            NDArray muArr = m.create(mu, new Shape(2, 2));
            NDArray lvArr = m.create(lv, new Shape(2, 2));
            muArr.setRequiresGradient(true);
            lvArr.setRequiresGradient(true);
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                gc.backward(Elbo.klStandardNormal(muArr, lvArr).sum());
            }
            float[] gMu = muArr.getGradient().toFloatArray();
            float[] gLv = lvArr.getGradient().toFloatArray();
            for (int i = 0; i < mu.length; i++) {
                assertEquals(mu[i], gMu[i], 1e-5, "dKL/dmu at " + i);
                assertEquals(0.5 * (Math.exp(lv[i]) - 1), gLv[i], 1e-5, "dKL/dlogvar at " + i);
            }
        }
    }

    @Test
    void termsUseTheConfiguredLikelihoodAndTheStandardNormalPrior() {
        VaeConfig config = VaeConfig.mlp(1, 1, 3).withLikelihood(Likelihood.GAUSSIAN, 0.2);
        try (NDManager m = manager()) {
            NDArray mu = rows(m, 1, 1f, -2f);
            NDArray lv = rows(m, 1, 0.5f, -0.5f);
            NDArray l = rows(m, 1, -2f, 0f, 3f);
            NDArray x = rows(m, 1, 0f, 0.5f, 1f);
            NDList terms = Elbo.terms(config, new NDList(mu, lv, l), x);
            assertEquals(2, terms.size());
            assertArrayEquals(
                    Elbo.gaussianNll(l, x, 0.2).toFloatArray(), terms.get(0).toFloatArray(), 0f);
            assertEquals(
                    klStd(new double[] {1, -2}, new double[] {0.5, -0.5}),
                    terms.get(1).toFloatArray()[0],
                    1e-5);
        }
    }
}
